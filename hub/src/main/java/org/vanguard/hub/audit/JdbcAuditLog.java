package org.vanguard.hub.audit;

import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;

/** Writes decisions to {@code audit_decision}; one message's decisions go in one transaction, all or none. */
@Repository
public class JdbcAuditLog implements AuditLog {

    private static final String INSERT = """
            insert into audit_decision (recorded_at, message_id, sender_ods, recipient_ods, purpose, nhs_number,
                resource_type, outcome, reason_codes, agreement_ref, rule_name, explanation)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
        jdbc.batchUpdate(INSERT, entries, entries.size(), (statement, entry) -> {
            statement.setTimestamp(1, Timestamp.from(entry.recordedAt()));
            statement.setString(2, entry.messageId());
            statement.setString(3, entry.request().sender().value());
            statement.setString(4, entry.request().recipient().value());
            statement.setString(5, entry.request().purpose().code());
            statement.setString(6, entry.request().patient().value());
            statement.setString(7, entry.request().resourceType());
            statement.setString(8, entry.outcome().name());
            statement.setString(9, entry.reasons().stream().map(Enum::name).collect(Collectors.joining(",")));
            statement.setString(10, entry.agreement().orElse(null));
            statement.setString(11, entry.rule());
            statement.setString(12, entry.explanation());
        });
    }
}
