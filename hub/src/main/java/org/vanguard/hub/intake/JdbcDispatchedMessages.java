package org.vanguard.hub.intake;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.vanguard.routes.dispatch.DispatchedMessages;

/**
 * Dispatch's decisions in {@code dispatch_decided}, one row per message, written in the dispatch's own transaction (the
 * group commit's), so a row exists exactly when the message's audit does. Rows older than
 * {@code hub.intake.key-retention} are purged with the intake keys ({@link JdbcIntakeKeys#purge()}): a message sent
 * again after that is accepted anew and decided anew, as a message the hub no longer remembers.
 */
@Repository
public class JdbcDispatchedMessages implements DispatchedMessages {

    private final JdbcTemplate jdbc;

    public JdbcDispatchedMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Dispatched> find(String hubMessageId) {
        return jdbc
                .query(
                        "select decided_at, plan from dispatch_decided where hub_message_id = ?",
                        (row, n) -> new Dispatched(row.getTimestamp(1).toInstant(), row.getString(2)),
                        hubMessageId)
                .stream()
                .findFirst();
    }

    @Override
    public void record(String hubMessageId, Dispatched dispatched) {
        jdbc.update(
                "insert into dispatch_decided (hub_message_id, decided_at, plan) values (?, ?, ?)",
                hubMessageId,
                Timestamp.from(dispatched.decidedAt()),
                dispatched.plan());
    }
}
