package org.vanguard.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Who has been sent a patient's records, for a subject access request: for each message about the patient and each
 * recipient permitted to receive some of it, when it was released, by whom, which resource types, for what purpose,
 * under which agreement clauses, whether under an emergency override, and whether the delivery was later withheld
 * because a re-decision at collection denied it, and whether and how the recipient received it (its receipts: read
 * or acknowledged on the mailbox, pushed, acknowledged by a response message). Built from the audit alone, so it
 * shows what the audit can prove.
 */
@Service
public class DisclosureReport {

    private final JdbcTemplate jdbc;

    public DisclosureReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One disclosure: one message's records released to one recipient. */
    public record Disclosure(
            String messageId,
            Instant releasedAt,
            String sender,
            String recipient,
            String purpose,
            List<String> resourceTypes,
            List<String> agreements,
            boolean emergencyOverride,
            String status,
            List<String> auditRecords,
            @Nullable Instant receivedAt,
            List<Received> receipts) {}

    /** One receipt of the delivery by its recipient: which delivery, how ({@code mailbox-read}, ...), when. */
    public record Received(String deliveryId, String how, Instant at, String auditRecord) {}

    /** The patient's disclosures, oldest first. */
    public List<Disclosure> of(String nhsNumber) {
        Map<String, Builder> byDelivery = new LinkedHashMap<>();
        jdbc.query(
                """
                select seq, recorded_at, message_id, sender_ods, recipient_ods, purpose, resource_type, outcome, reason_codes,
                    agreement_ref, emergency_reason, event_kind, action_name, delivery_id
                from audit_decision where nhs_number = ? and (event_kind is null or event_kind <> 'ADMIN') order by seq""",
                rs -> {
                    String key = rs.getString("message_id") + "|" + rs.getString("recipient_ods");
                    boolean permit = "PERMIT".equals(rs.getString("outcome"));
                    boolean atCollection = AuditRow.COLLECTION.equals(rs.getString("event_kind"));
                    if (AuditRow.RECEIPT.equals(rs.getString("event_kind"))) {
                        Builder b = byDelivery.get(key);
                        if (b != null) {
                            b.receipts.add(new Received(
                                    rs.getString("delivery_id"),
                                    rs.getString("action_name"),
                                    rs.getTimestamp("recorded_at").toInstant(),
                                    "audit-" + rs.getLong("seq")));
                            b.records.add("audit-" + rs.getLong("seq"));
                        }
                    } else if (permit && !atCollection) {
                        Builder b = byDelivery.computeIfAbsent(key, k -> new Builder());
                        b.messageId = rs.getString("message_id");
                        b.sender = rs.getString("sender_ods");
                        b.recipient = rs.getString("recipient_ods");
                        b.purpose = rs.getString("purpose");
                        b.releasedAt = b.releasedAt == null
                                ? rs.getTimestamp("recorded_at").toInstant()
                                : b.releasedAt;
                        b.types.add(rs.getString("resource_type"));
                        b.agreements.add(rs.getString("agreement_ref"));
                        b.emergency |= rs.getString("emergency_reason") != null;
                        b.records.add("audit-" + rs.getLong("seq"));
                    } else if (permit && atCollection && byDelivery.containsKey(key)) {
                        // Released again: a dead letter replayed under today's agreement.
                        Builder b = byDelivery.get(key);
                        b.replays.add(rs.getTimestamp("recorded_at").toInstant());
                        b.agreements.add(rs.getString("agreement_ref"));
                        b.records.add("audit-" + rs.getLong("seq"));
                    } else if (!permit && atCollection && byDelivery.containsKey(key)) {
                        Builder b = byDelivery.get(key);
                        b.withheld.add(rs.getString("resource_type") + " " + rs.getString("reason_codes"));
                        b.records.add("audit-" + rs.getLong("seq"));
                    }
                },
                nhsNumber);
        List<Disclosure> report = new ArrayList<>();
        for (Builder b : byDelivery.values()) {
            String status = !b.withheld.isEmpty()
                    ? "withheld when the recipient came to collect it (" + String.join("; ", b.withheld) + ")"
                    : b.receipts.isEmpty()
                            ? "released to the recipient's mailbox"
                            : "released and received by the recipient ("
                                    + String.join(
                                            ", ",
                                            b.receipts.stream()
                                                    .map(Received::how)
                                                    .distinct()
                                                    .toList()) + ")";
            if (!b.replays.isEmpty()) {
                status += "; released again on replay at "
                        + String.join(
                                ", ", b.replays.stream().map(Instant::toString).toList());
            }
            Instant receivedAt = b.receipts.isEmpty() ? null : b.receipts.get(0).at();
            Instant releasedAt = Objects.requireNonNull(b.releasedAt, "set with the builder");
            report.add(new Disclosure(
                    b.messageId,
                    releasedAt,
                    b.sender,
                    b.recipient,
                    b.purpose,
                    List.copyOf(b.types),
                    List.copyOf(b.agreements),
                    b.emergency,
                    status,
                    List.copyOf(b.records),
                    receivedAt,
                    List.copyOf(b.receipts)));
        }
        return report;
    }

    private static final class Builder {
        // Set from the release row as soon as the builder is made, before anything reads them.
        String messageId = "";
        String sender = "";
        String recipient = "";
        String purpose = "";

        @Nullable
        Instant releasedAt;

        boolean emergency;
        final Set<String> types = new LinkedHashSet<>();
        final Set<String> agreements = new LinkedHashSet<>();
        final Set<String> withheld = new LinkedHashSet<>();
        final List<String> records = new ArrayList<>();
        final List<Received> receipts = new ArrayList<>();
        final List<Instant> replays = new ArrayList<>();
    }
}
