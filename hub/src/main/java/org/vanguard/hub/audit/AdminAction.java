package org.vanguard.hub.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;

/**
 * Every admin action the hub records, each with what it is in IHE Basic Audit Log Patterns terms: the
 * {@code AuditEvent.action} code (C create, R read, U update, D delete, E execute: "a system or application function
 * such as log-on, program execution or use of an object's method") and the FHIR RESTful interaction it stands for,
 * so that an auditor's SIEM can tell a created certificate from a revoked one without parsing our action names.
 * A revocation, an ending or a termination keeps the record and changes its state: an update, not a delete.
 */
public enum AdminAction {
    AGREEMENT_REVISED("agreement.revised", AuditEventAction.U),
    AGREEMENT_SUBMITTED("agreement.submitted", AuditEventAction.U),
    AGREEMENT_APPROVED("agreement.approved", AuditEventAction.U),
    AGREEMENT_WITHDRAWN("agreement.withdrawn", AuditEventAction.U),
    AGREEMENT_SUSPENDED("agreement.suspended", AuditEventAction.U),
    AGREEMENT_RESUMED("agreement.resumed", AuditEventAction.U),
    AGREEMENT_TERMINATED("agreement.terminated", AuditEventAction.U),
    AGREEMENT_RELOAD("agreement.reload", AuditEventAction.E),
    AGREEMENT_REVIEW_OVERDUE("agreement.review-overdue", AuditEventAction.E),
    AUDIT_EXPORT("audit.export", AuditEventAction.R),
    CARE_TEAM_CREATE("care-team.create", AuditEventAction.C),
    CARE_TEAM_REPLACE("care-team.replace", AuditEventAction.U),
    CARE_TEAM_DELETE("care-team.delete", AuditEventAction.D),
    CERTIFICATE_ISSUE("certificate.issue", AuditEventAction.C),
    CERTIFICATE_REVOKE("certificate.revoke", AuditEventAction.U),
    CONSOLE_SIGN_IN("console.sign-in", AuditEventAction.E),
    CONSOLE_SIGN_IN_REFUSED("console.sign-in-refused", AuditEventAction.E),
    CONSOLE_SIGN_OUT("console.sign-out", AuditEventAction.E),
    DISCLOSURE_REPORT("disclosure.report", AuditEventAction.R),
    OBJECTION_RECORD("objection.record", AuditEventAction.C),
    OBJECTION_IMPORT("objection.import", AuditEventAction.C),
    OBJECTION_REMOVE("objection.remove", AuditEventAction.D),
    PSEUDONYM_KEY_ROTATE("pseudonym-key.rotate", AuditEventAction.C),
    PSEUDONYM_RE_IDENTIFY("pseudonym.re-identify", AuditEventAction.E),
    PUSH_ENDPOINT_REGISTER("push-endpoint.register", AuditEventAction.C),
    PUSH_ENDPOINT_REMOVE("push-endpoint.remove", AuditEventAction.D),
    RELATIONSHIP_RECORD("relationship.record", AuditEventAction.C),
    RELATIONSHIP_END("relationship.end", AuditEventAction.U),
    REPLAY_START("replay.start", AuditEventAction.E),
    REVIEW_CLOSE("review.close", AuditEventAction.U),
    SIGNING_KEY_ROTATE("signing-key.rotate", AuditEventAction.C),
    SUBSCRIPTION_CREATE("subscription.create", AuditEventAction.C),
    SUBSCRIPTION_DELETE("subscription.delete", AuditEventAction.D),
    USER_CREATE("user.create", AuditEventAction.C),
    USER_DELETE("user.delete", AuditEventAction.D);

    private static final Map<String, AdminAction> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(AdminAction::actionName, Function.identity()));

    private final String actionName;
    private final AuditEventAction code;

    AdminAction(String actionName, AuditEventAction code) {
        this.actionName = actionName;
        this.code = code;
    }

    /** As recorded in the audit chain, {@code <object>.<verb>}. */
    public String actionName() {
        return actionName;
    }

    /** The BALP / FHIR {@code AuditEvent.action} code. */
    public AuditEventAction code() {
        return code;
    }

    /**
     * The FHIR RESTful interaction ({@code http://hl7.org/fhir/restful-interaction}) the action stands for: create,
     * update, delete, read, or an operation for what executes a function.
     */
    public String interaction() {
        switch (code) {
            case C:
                return "create";
            case R:
                return "read";
            case U:
                return "update";
            case D:
                return "delete";
            default:
                return "operation";
        }
    }

    /** Whether the action records a refusal rather than something done (the export's outcome says so). */
    public boolean refused() {
        return this == CONSOLE_SIGN_IN_REFUSED;
    }

    /** The action of that recorded name; empty for names no release of the hub records now. */
    public static Optional<AdminAction> named(String actionName) {
        return Optional.ofNullable(actionName == null ? null : BY_NAME.get(actionName));
    }
}
