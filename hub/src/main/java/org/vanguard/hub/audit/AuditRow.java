package org.vanguard.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.audit.AuditChain;
import org.vanguard.routes.query.RecordQuery;

/**
 * One row of {@code audit_decision} exactly as stored, whatever its kind, and the canonical form its hash commits to.
 * Rows written before V7 have no kind and are hashed over the decision columns only, as they were written; every
 * later row also commits to its kind, actor, action, emergency reason and idempotency key, so none of those can be
 * changed (or blanked to pass as an old row) without breaking the chain. A receipt (V10) also commits to the delivery
 * it is about; rows without a delivery id hash as they did before it existed.
 */
record AuditRow(
        Instant recordedAt,
        String messageId,
        @Nullable String sender,
        @Nullable String recipient,
        @Nullable String purpose,
        @Nullable String nhsNumber,
        @Nullable String resourceType,
        String outcome,
        String reasonCodes,
        @Nullable String agreement,
        @Nullable String rule,
        String explanation,
        @Nullable String kind,
        @Nullable String actor,
        @Nullable String action,
        @Nullable String emergency,
        @Nullable String decisionKey,
        @Nullable String deliveryId) {

    /** The kinds of record in the chain. */
    static final String DISPATCH = "DISPATCH";

    static final String COLLECTION = "COLLECTION";
    static final String ADMIN = "ADMIN";
    static final String RECEIPT = "RECEIPT";

    static final String COLUMNS = """
            recorded_at, message_id, sender_ods, recipient_ods, purpose, nhs_number, resource_type, outcome, reason_codes,
            agreement_ref, rule_name, explanation, event_kind, actor, action_name, emergency_reason, decision_key, delivery_id""";

    AuditRow {
        // The database keeps microseconds; hash exactly what it will give back.
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    static AuditRow from(ResultSet rs) throws SQLException {
        return new AuditRow(
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("message_id"),
                rs.getString("sender_ods"),
                rs.getString("recipient_ods"),
                rs.getString("purpose"),
                rs.getString("nhs_number"),
                rs.getString("resource_type"),
                rs.getString("outcome"),
                rs.getString("reason_codes"),
                rs.getString("agreement_ref"),
                rs.getString("rule_name"),
                rs.getString("explanation"),
                rs.getString("event_kind"),
                rs.getString("actor"),
                rs.getString("action_name"),
                rs.getString("emergency_reason"),
                rs.getString("decision_key"),
                rs.getString("delivery_id"));
    }

    /**
     * Whether this row is an access to a patient's shared record, as access monitoring reads them: an MDT member's
     * console view or break-glass, or a decision of a participant's query. {@link JdbcAuditLog} indexes these rows in
     * {@code audit_access} as it appends them.
     */
    boolean isRecordAccess() {
        return (ADMIN.equals(kind)
                        && (AdminChange.RECORD_VIEW.equals(action) || AdminChange.BREAK_GLASS.equals(action)))
                || (DISPATCH.equals(kind) && messageId.startsWith(RecordQuery.ID_PREFIX));
    }

    /** The column values in {@link #COLUMNS} order. */
    Object[] values() {
        return new Object[] {
            Timestamp.from(recordedAt),
            messageId,
            sender,
            recipient,
            purpose,
            nhsNumber,
            resourceType,
            outcome,
            reasonCodes,
            agreement,
            rule,
            explanation,
            kind,
            actor,
            action,
            emergency,
            decisionKey,
            deliveryId
        };
    }

    /** The hashed form: the instant as epoch microseconds, then every field as stored, length-prefixed. */
    String canonical() {
        List<@Nullable String> values =
                new ArrayList<>(List.of(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, recordedAt))));
        values.addAll(nullable(
                messageId,
                sender,
                recipient,
                purpose,
                nhsNumber,
                resourceType,
                outcome,
                reasonCodes,
                agreement,
                rule,
                explanation));
        if (kind != null) {
            values.addAll(nullable(kind, actor, action, emergency, decisionKey));
        }
        if (deliveryId != null) {
            values.add(deliveryId);
        }
        return AuditChain.canonical(values);
    }

    private static List<@Nullable String> nullable(@Nullable String... values) {
        return java.util.Arrays.asList(values);
    }
}
