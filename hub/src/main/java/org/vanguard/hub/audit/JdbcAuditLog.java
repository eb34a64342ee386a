package org.vanguard.hub.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.governance.audit.AuditChain;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;

/**
 * Writes the audit to {@code audit_decision} as links of a hash chain ({@link AuditChain}): decisions, re-decisions
 * at collection, admin changes and recipients' receipts alike. One call's records go in one transaction, all or
 * none; the chain head is locked for the transaction, so writers (threads or hub instances) append one after another
 * and the chain has a single order.
 *
 * <p><b>Why an idempotent write gives the guarantee of one transaction with the JMS consumer.</b> Dispatch decides
 * a message inside a JMS transaction (the intake queue) and records its decisions here, in a JDBC transaction that
 * commits just before the JMS one. The two are not one XA transaction, and need not be: if the JDBC transaction
 * fails, the exception rolls the JMS transaction back and nothing was recorded; if the JMS transaction rolls back
 * after the JDBC one committed (a delivery failed, the hub stopped), the broker redelivers the message, dispatch
 * decides it again and records again, and every decision whose idempotency key (stage, message, recipient, resource
 * type, outcome, agreement) is already in the chain is skipped. The key is checked while the head lock is held, so
 * concurrent redeliveries cannot both pass the check, and a unique index backs it. So each decision is recorded
 * exactly once whatever the number of attempts, which is what one transaction would have given (a 1PC "best effort"
 * pairing made safe by idempotence, as Spring's and Camel's transaction guides recommend over XA for this case).
 * Dispatch itself no longer decides a redelivered message again: it keeps each message's decision with its audit
 * ({@code DispatchedMessages}) and delivers a redelivery as decided, so a batch-mate's records or a Consent withdrawn
 * meanwhile cannot add a second decision. Elsewhere, a decision that changed between attempts has a different key and
 * is recorded too: both were taken, and the later one is what took effect.
 *
 * <p>The rows that are accesses to a patient's record (console views, break-glass, query decisions) are also listed, by
 * sequence number and time, in {@code audit_access} in the same transaction, so that access monitoring reads those few
 * rows of a window rather than every decision in it.
 */
@Repository
public class JdbcAuditLog implements AuditLog {

    private static final String INSERT = "insert into audit_decision (" + AuditRow.COLUMNS
            + ", seq, prev_hash, row_hash) " + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public JdbcAuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Object> head = lockHead();
        Set<String> recorded = recordedKeys(entries);
        List<AuditRow> rows = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            String key = entry.idempotencyKey();
            if (recorded.add(key)) {
                rows.add(row(entry, key));
            }
        }
        append(head, rows);
    }

    /** Records an admin change; joins the caller's transaction, so the change and its record commit together. */
    @Transactional
    public void record(AdminChange change) {
        append(
                lockHead(),
                List.of(new AuditRow(
                        change.at(),
                        "admin-" + UUID.randomUUID(),
                        null,
                        change.participant().orElse(null),
                        null,
                        change.nhsNumber().orElse(null),
                        null,
                        "SUCCESS",
                        "",
                        change.agreement().orElse(null),
                        null,
                        change.detail(),
                        AuditRow.ADMIN,
                        change.officer(),
                        change.action(),
                        null,
                        null,
                        null)));
    }

    /**
     * Records a recipient's receipt of a delivery, once per delivery and way of receiving: the key is checked while the
     * head lock is held (and the unique index backs it), so a repeated read, a repeated acknowledgement or a push
     * redelivered after a rollback adds nothing. Joins the caller's transaction when there is one.
     *
     * @return false when this receipt was already recorded
     */
    @Transactional
    public boolean record(Receipt receipt) {
        Map<String, Object> head = lockHead();
        String key = receipt.idempotencyKey();
        Integer known = jdbc.queryForObject(
                "select count(*) from audit_decision where message_id = ? and decision_key = ?",
                Integer.class,
                receipt.messageId(),
                key);
        if (known != null && known > 0) {
            return false;
        }
        append(
                head,
                List.of(new AuditRow(
                        receipt.at(),
                        receipt.messageId(),
                        receipt.sender(),
                        receipt.recipient(),
                        receipt.purpose(),
                        receipt.nhsNumber(),
                        String.join(",", receipt.resourceTypes()),
                        "SUCCESS",
                        "",
                        receipt.agreements().isEmpty() ? null : String.join(",", receipt.agreements()),
                        null,
                        "Delivery " + receipt.deliveryId() + " received by " + receipt.recipient() + " ("
                                + receipt.how() + ")",
                        AuditRow.RECEIPT,
                        receipt.recipient(),
                        receipt.how(),
                        null,
                        key,
                        receipt.deliveryId())));
        return true;
    }

    /**
     * Takes the chain head's lock in the caller's transaction before it changes anything else: every writer of the
     * audit then locks the head first and rows after (the group-commit writer holds the head while it writes records
     * and relationships), so two writers cannot each hold what the other waits for.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void holdHead() {
        lockHead();
    }

    private Map<String, Object> lockHead() {
        return jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1 for update");
    }

    private Set<String> recordedKeys(List<AuditEntry> entries) {
        Set<String> messages =
                entries.stream().map(AuditEntry::messageId).collect(Collectors.toCollection(LinkedHashSet::new));
        String marks = String.join(", ", Collections.nCopies(messages.size(), "?"));
        return new HashSet<>(jdbc.queryForList(
                "select decision_key from audit_decision where decision_key is not null" + " and message_id in ("
                        + marks + ")",
                String.class,
                messages.toArray()));
    }

    private static AuditRow row(AuditEntry entry, String key) {
        var request = entry.request();
        String kind = entry.stage() == AuditEntry.Stage.DISPATCH ? AuditRow.DISPATCH : AuditRow.COLLECTION;
        return new AuditRow(
                entry.recordedAt(),
                entry.messageId(),
                request.sender().value(),
                request.recipient().value(),
                request.purpose().code(),
                request.patient().value(),
                request.resourceType(),
                entry.outcome().name(),
                entry.reasons().stream().map(Enum::name).collect(Collectors.joining(",")),
                entry.agreement().orElse(null),
                entry.rule(),
                entry.explanation(),
                kind,
                null,
                null,
                request.emergency().map(e -> e.reasonCode()).orElse(null),
                key,
                null);
    }

    private void append(Map<String, Object> head, List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long seq = ((Number) Objects.requireNonNull(head.get("last_seq"), "last_seq")).longValue();
        String previous = (String) Objects.requireNonNull(head.get("last_hash"), "last_hash");
        List<Object[]> values = new ArrayList<>(rows.size());
        List<Object[]> accesses = new ArrayList<>();
        for (AuditRow row : rows) {
            seq++;
            if (row.isRecordAccess()) {
                accesses.add(new Object[] {seq, Timestamp.from(row.recordedAt())});
            }
            String hash = AuditChain.hash(previous, seq, row.canonical());
            Object[] columns = row.values();
            Object[] all = java.util.Arrays.copyOf(columns, columns.length + 3);
            all[columns.length] = seq;
            all[columns.length + 1] = previous;
            all[columns.length + 2] = hash;
            values.add(all);
            previous = hash;
        }
        jdbc.batchUpdate(INSERT, values);
        if (!accesses.isEmpty()) {
            jdbc.batchUpdate("insert into audit_access (seq, recorded_at) values (?, ?)", accesses);
        }
        jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", seq, previous);
    }
}
