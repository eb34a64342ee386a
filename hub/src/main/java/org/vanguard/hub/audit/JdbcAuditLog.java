package org.vanguard.hub.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.governance.audit.AuditChain;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;

/**
 * Writes decisions to {@code audit_decision} as links of a hash chain ({@link AuditChain}). One message's
 * decisions go in one transaction, all or none; the chain head is locked for the transaction, so writers
 * (threads or hub instances) append one after another and the chain has a single order.
 */
@Repository
public class JdbcAuditLog implements AuditLog {

    private static final String INSERT = """
            insert into audit_decision (recorded_at, message_id, sender_ods, recipient_ods, purpose, nhs_number,
                resource_type, outcome, reason_codes, agreement_ref, rule_name, explanation, seq, prev_hash, row_hash)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

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
        Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1 for update");
        long seq = ((Number) head.get("last_seq")).longValue();
        String previous = (String) head.get("last_hash");
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            // The database keeps microseconds; hash exactly what it will give back.
            Instant at = entry.recordedAt().truncatedTo(ChronoUnit.MICROS);
            Object[] fields = {
                Timestamp.from(at), entry.messageId(), entry.request().sender().value(), entry.request().recipient().value(),
                entry.request().purpose().code(), entry.request().patient().value(), entry.request().resourceType(),
                entry.outcome().name(), entry.reasons().stream().map(Enum::name).collect(Collectors.joining(",")),
                entry.agreement().orElse(null), entry.rule(), entry.explanation()};
            seq++;
            String hash = AuditChain.hash(previous, seq, canonical(at, fields));
            Object[] row = Arrays.copyOf(fields, fields.length + 3);
            row[fields.length] = seq;
            row[fields.length + 1] = previous;
            row[fields.length + 2] = hash;
            rows.add(row);
            previous = hash;
        }
        jdbc.batchUpdate(INSERT, rows);
        jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", seq, previous);
    }

    /** The hashed form of a row: the instant as epoch microseconds, then every other field as stored. */
    static String canonical(Instant at, Object[] fields) {
        List<String> values = new ArrayList<>(fields.length);
        values.add(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at)));
        for (int i = 1; i < fields.length; i++) {
            values.add(fields[i] == null ? null : fields[i].toString());
        }
        return AuditChain.canonical(values);
    }
}
