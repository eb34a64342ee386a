package org.vanguard.profiles.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Builds the OperationOutcome a sender receives: one issue per problem, with its FHIRPath expression. */
public final class OperationOutcomes {

    private OperationOutcomes() {
    }

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

    /** An outcome for a problem on the hub's side, which tells the sender to try again and nothing more. */
    public static OperationOutcome transientFailure(String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.TRANSIENT).setDiagnostics(text);
        return outcome;
    }

    public static OperationOutcome information(String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL).setDiagnostics(text);
        return outcome;
    }
}
