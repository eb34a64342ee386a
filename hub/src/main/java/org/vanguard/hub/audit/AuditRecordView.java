package org.vanguard.hub.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit record as the admin API shows it to an IG officer: a decision (kind {@code DISPATCH}), a re-decision when
 * the recipient collected (kind {@code COLLECTION}) or an admin change (kind {@code ADMIN}, with the officer as actor
 * and the action taken). Fields a kind does not have are null; records from before kinds existed have none.
 */
public record AuditRecordView(
        long id,
        long seq,
        Instant recordedAt,
        String kind,
        String messageId,
        String sender,
        String recipient,
        String purpose,
        String nhsNumber,
        String resourceType,
        String outcome,
        List<String> reasons,
        String agreement,
        String rule,
        String emergencyReason,
        String actor,
        String action,
        List<String> explanation) {

    /** Whether the record is a decision (taken at dispatch or at collection), not an admin change. */
    public boolean isDecision() {
        return !AuditRow.ADMIN.equals(kind);
    }
}
