package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code V24} on an audit written before it: the accesses already in the chain (console views, break-glass, query
 * decisions) are listed in {@code audit_access}, and nothing else is, so access monitoring sees the same history after
 * the upgrade as before it.
 */
class AuditAccessMigrationTests {

    @Test
    @DisplayName("upgrading lists the accesses already in the audit, and only those")
    void backfillsTheAccessList() {
        SingleConnectionDataSource database =
                new SingleConnectionDataSource("jdbc:h2:mem:audit-access-" + System.nanoTime(), "sa", "", true);
        try {
            migrate(database, "23");
            JdbcTemplate jdbc = new JdbcTemplate(database);
            Timestamp at = Timestamp.from(Instant.parse("2026-11-30T10:00:00Z"));
            insert(jdbc, 1, "msg-1", "DISPATCH", null, at);
            insert(jdbc, 2, "query-1", "DISPATCH", null, at);
            insert(jdbc, 3, "admin-1", "ADMIN", "mdt.view", at);
            insert(jdbc, 4, "admin-2", "ADMIN", "mdt.break-glass", at);
            insert(jdbc, 5, "admin-3", "ADMIN", "agreement.approved", at);
            insert(jdbc, 6, "query-1", "RECEIPT", "amqp", at);

            migrate(database, "latest");

            assertThat(jdbc.queryForList("select seq from audit_access order by seq", Long.class))
                    .containsExactly(2L, 3L, 4L);
            assertThat(jdbc.queryForObject("select recorded_at from audit_access where seq = 3", Timestamp.class))
                    .isEqualTo(at);
        } finally {
            database.destroy();
        }
    }

    private static void migrate(SingleConnectionDataSource database, String target) {
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration", "classpath:db/vendor/h2")
                .target(target)
                .load()
                .migrate();
    }

    private static void insert(JdbcTemplate jdbc, long seq, String message, String kind, String action, Timestamp at) {
        jdbc.update(
                "insert into audit_decision (recorded_at, message_id, outcome, reason_codes, explanation, event_kind,"
                        + " action_name, seq) values (?, ?, 'PERMIT', '', 'test', ?, ?, ?)",
                at,
                message,
                kind,
                action,
                seq);
    }
}
