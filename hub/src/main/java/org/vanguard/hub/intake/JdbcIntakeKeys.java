package org.vanguard.hub.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.vanguard.routes.dispatch.GroupedTransactions;
import org.vanguard.routes.intake.IntakeKeys;

/**
 * The accepted messages' ids in {@code intake_message_key}, seen by every node: a message sent again to any node is
 * answered as the first time and not queued again. Keys older than {@code hub.intake.key-retention} are purged daily,
 * with dispatch's kept decisions of the same age, on one node of a cluster at a time; a sender repeating a message later than that has it accepted anew (dispatch
 * then finds its decisions audited and its deliveries' ids known to the broker, as for a redelivery).
 *
 * <p>A key is written in the group commit dispatch and the audit use ({@link GroupedTransactions}): the caller still
 * returns only once its key is committed, but the keys of the requests arriving together share one commit. Written one
 * commit each, they cost each request a store of the embedded database (a seventh of the hub's CPU under load).
 */
@Repository
public class JdbcIntakeKeys implements IntakeKeys {

    private static final Logger log = LoggerFactory.getLogger(JdbcIntakeKeys.class);

    private final JdbcTemplate jdbc;
    private final GroupedTransactions transactions;
    private final Clock clock;
    private final Duration retention;

    public JdbcIntakeKeys(
            JdbcTemplate jdbc,
            GroupedTransactions transactions,
            Clock clock,
            @Value("${hub.intake.key-retention:P30D}") Duration retention) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public boolean known(String hubMessageId) {
        return !jdbc.queryForList(
                        "select 1 from intake_message_key where hub_message_id = ?", Integer.class, hubMessageId)
                .isEmpty();
    }

    @Override
    public void remember(String hubMessageId, String sender, Instant acceptedAt) {
        try {
            transactions.execute(status -> jdbc.update(
                    "insert into intake_message_key (hub_message_id, sender, accepted_at) values (?, ?, ?)",
                    hubMessageId,
                    sender,
                    Timestamp.from(acceptedAt)));
        } catch (DuplicateKeyException sameMessageMeanwhile) {
            // The same message, sent twice at once (to two nodes): the broker kept one copy, and this key is that
            // one's.
        }
    }

    /**
     * Each sender's messages accepted since {@code since} and not yet decided by dispatch ({@code dispatch_decided}),
     * on whichever node: what the intake's fair share counts.
     */
    public Map<String, Long> waitingBySender(Instant since) {
        Map<String, Long> waiting = new HashMap<>();
        jdbc.query(
                "select k.sender, count(*) from intake_message_key k where k.accepted_at >= ? and not exists"
                        + " (select 1 from dispatch_decided d where d.hub_message_id = k.hub_message_id)"
                        + " group by k.sender",
                row -> {
                    waiting.put(row.getString(1), row.getLong(2));
                },
                Timestamp.from(since));
        return waiting;
    }

    @Scheduled(fixedDelayString = "${hub.intake.key-purge:P1D}", initialDelayString = "${hub.intake.key-purge:P1D}")
    @SchedulerLock(name = "intake-key-purge", lockAtMostFor = "PT30M")
    public void purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(retention));
        int keys = jdbc.update("delete from intake_message_key where accepted_at < ?", before);
        // What dispatch decided for a message is remembered as long as the message is (JdbcDispatchedMessages).
        int decisions = jdbc.update("delete from dispatch_decided where decided_at < ?", before);
        if (keys + decisions > 0) {
            log.info("Purged {} intake keys and {} dispatch decisions older than {}", keys, decisions, retention);
        }
    }
}
