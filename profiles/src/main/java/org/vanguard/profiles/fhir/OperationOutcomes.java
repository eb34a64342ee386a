package org.vanguard.profiles.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Builds the OperationOutcome a sender receives: one issue per problem, with its FHIRPath expression. */
public final class OperationOutcomes {

    private OperationOutcomes() {}

    public static OperationOutcome of(List<InputIssue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (InputIssue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(issue.code())
                    .setDiagnostics(issue.text());
            component.getDetails().setText(issue.text());
            component.addExpression(issue.location());
        }
        return outcome;
    }

    /**
     * The outcome of a refusal, each issue coded from the FHIR issue-type value set as the kind of refusal says: a
     * generic {@code invalid} becomes {@code forbidden} for a refusal of the caller's right, {@code not-found},
     * {@code conflict}, {@code not-supported} or {@code too-long} (a body over the hub's limits, 413) where those are
     * what happened; a specific code
     * (required, value, security, ...) stays.
     */
    public static OperationOutcome of(Rejection rejection, List<InputIssue> issues) {
        IssueType kind = switch (rejection) {
            case INVALID -> IssueType.INVALID;
            case FORBIDDEN -> IssueType.FORBIDDEN;
            case UNSUPPORTED_MEDIA_TYPE, NOT_SUPPORTED -> IssueType.NOTSUPPORTED;
            case CONFLICT, PRECONDITION_FAILED -> IssueType.CONFLICT;
            case NOT_FOUND -> IssueType.NOTFOUND;
            case PAYLOAD_TOO_LARGE -> IssueType.TOOLONG;
        };
        return of(issues.stream()
                .map(issue -> issue.code() == IssueType.INVALID
                        ? new InputIssue(kind, issue.location(), issue.text())
                        : issue)
                .toList());
    }

    /** An outcome for a problem on the hub's side, which tells the sender to try again and nothing more. */
    public static OperationOutcome transientFailure(String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.TRANSIENT)
                .setDiagnostics(text);
        return outcome;
    }

    public static OperationOutcome information(String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(IssueSeverity.INFORMATION)
                .setCode(IssueType.INFORMATIONAL)
                .setDiagnostics(text);
        return outcome;
    }
}
