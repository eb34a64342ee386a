package org.vanguard.hub.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit record as the admin API shows it to an IG officer: a decision (kind {@code DISPATCH}), a re-decision when
 * the recipient collected (kind {@code COLLECTION}), an admin change (kind {@code ADMIN}, with the officer as actor
 * and the action taken) or a recipient's receipt of a delivery (kind {@code RECEIPT}, with the recipient as actor, how
 * it received as action, the delivery id, and all the delivery's resource types and agreement clauses, comma-separated).
 * Fields a kind does not have are null; records from before kinds existed have none.
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
        List<String> explanation,
        String deliveryId) {

    /** Whether the record is a decision (taken at dispatch or at collection), not an admin change or a receipt. */
    public boolean isDecision() {
        return !AuditRow.ADMIN.equals(kind) && !isReceipt();
    }

    /** Whether the record is a recipient's receipt of a delivery. */
    public boolean isReceipt() {
        return AuditRow.RECEIPT.equals(kind);
    }
}
