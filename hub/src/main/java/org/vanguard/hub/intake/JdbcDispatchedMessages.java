package org.vanguard.hub.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.vanguard.routes.dispatch.DispatchedMessages;

/**
 * Dispatch's decisions in {@code dispatch_decided}, one row per message, written in the dispatch's own transaction (the
 * group commit's), so a row exists exactly when the message's audit does. Rows older than
 * {@code hub.intake.key-retention} go with the intake keys: a message sent again after that is accepted anew and
 * decided anew, as a message the hub no longer remembers.
 */
@Repository
public class JdbcDispatchedMessages implements DispatchedMessages {

    private static final Logger log = LoggerFactory.getLogger(JdbcDispatchedMessages.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    public JdbcDispatchedMessages(
            JdbcTemplate jdbc, Clock clock, @Value("${hub.intake.key-retention:P30D}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
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

    @Scheduled(fixedDelayString = "${hub.intake.key-purge:P1D}", initialDelayString = "${hub.intake.key-purge:P1D}")
    @SchedulerLock(name = "dispatch-decided-purge", lockAtMostFor = "PT30M")
    public void purge() {
        int purged = jdbc.update(
                "delete from dispatch_decided where decided_at < ?",
                Timestamp.from(clock.instant().minus(retention)));
        if (purged > 0) {
            log.info("Purged {} dispatch decisions older than {}", purged, retention);
        }
    }
}
