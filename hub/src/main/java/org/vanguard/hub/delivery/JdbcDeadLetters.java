package org.vanguard.hub.delivery;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.hub.metrics.HubMetrics;
import org.vanguard.routes.delivery.DeadLetter;
import org.vanguard.routes.delivery.DeadLetters;
import org.vanguard.routes.delivery.WaitingDelivery;

/**
 * Dead letters on the database rather than on the broker's dead-letter address: an operator lists them by
 * status, reads why each died and replays chosen ones, which a queue cannot offer without consuming them.
 * Each one is counted in the Micrometer meter {@value #METER} (tag {@code cause}).
 */
@Repository
public class JdbcDeadLetters implements DeadLetters {

    /** Counter of dead-lettered deliveries. */
    public static final String METER = "hub.delivery.dead.letters";

    /** Where a dead letter stands. */
    public enum Status {
        /** Waiting for an operator. */
        DEAD,
        /** Replayed: handed back to delivery. */
        REPLAYED
    }

    /** A dead letter as an operator lists it. */
    public record Listed(
            String deliveryId,
            String messageId,
            String sender,
            String recipient,
            String event,
            Instant acceptedAt,
            Instant deadAt,
            String cause,
            String reason,
            String status) {}

    /** A stored dead letter and where it stands. */
    public record Stored(DeadLetter deadLetter, Status status) {}

    private static final int REASON = 4000;

    private final JdbcTemplate jdbc;
    private final HubMetrics metrics;

    public JdbcDeadLetters(JdbcTemplate jdbc, HubMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    @Override
    @Transactional
    public void record(DeadLetter deadLetter) {
        WaitingDelivery delivery = deadLetter.delivery();
        String reason =
                deadLetter.reason().length() > REASON ? deadLetter.reason().substring(0, REASON) : deadLetter.reason();
        jdbc.update("delete from dead_letter where delivery_id = ?", delivery.deliveryId());
        jdbc.update(
                """
                insert into dead_letter (delivery_id, message_id, sender_ods, recipient_ods, event, accepted_at, dead_at,
                    cause, reason, status, properties, bundle) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                delivery.deliveryId(),
                delivery.hubMessageId(),
                String.valueOf(delivery.sender()),
                delivery.recipient().value(),
                delivery.event(),
                Timestamp.from(delivery.acceptedAt()),
                Timestamp.from(deadLetter.deadAt()),
                deadLetter.cause().name(),
                reason,
                Status.DEAD.name(),
                write(delivery.properties()),
                delivery.bundle());
        metrics.deadLettered(deadLetter.cause());
    }

    public List<Listed> list(Optional<Status> status) {
        String select =
                "select delivery_id, message_id, sender_ods, recipient_ods, event, accepted_at, dead_at, cause, reason,"
                        + " status from dead_letter";
        return status.map(s ->
                        jdbc.query(select + " where status = ? order by dead_at", JdbcDeadLetters::listed, s.name()))
                .orElseGet(() -> jdbc.query(select + " order by dead_at", JdbcDeadLetters::listed));
    }

    public Optional<Stored> find(String deliveryId) {
        return jdbc
                .query(
                        "select * from dead_letter where delivery_id = ?",
                        (rs, n) -> new Stored(
                                new DeadLetter(
                                        WaitingDelivery.of(read(rs.getString("properties")), rs.getString("bundle")),
                                        DeadLetter.Cause.valueOf(rs.getString("cause")),
                                        rs.getString("reason"),
                                        rs.getTimestamp("dead_at").toInstant()),
                                Status.valueOf(rs.getString("status"))),
                        deliveryId)
                .stream()
                .findFirst();
    }

    public void mark(String deliveryId, Status status) {
        jdbc.update("update dead_letter set status = ? where delivery_id = ?", status.name(), deliveryId);
    }

    private static Listed listed(ResultSet rs, int n) throws SQLException {
        return new Listed(
                rs.getString("delivery_id"),
                rs.getString("message_id"),
                rs.getString("sender_ods"),
                rs.getString("recipient_ods"),
                rs.getString("event"),
                rs.getTimestamp("accepted_at").toInstant(),
                rs.getTimestamp("dead_at").toInstant(),
                rs.getString("cause"),
                rs.getString("reason"),
                rs.getString("status"));
    }

    /** java.util.Properties text: escaped, one property a line, read back exactly. */
    private static String write(Map<String, String> properties) {
        Properties text = new Properties();
        text.putAll(properties);
        StringWriter out = new StringWriter();
        try {
            text.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, String> read(String stored) {
        Properties text = new Properties();
        try {
            text.load(new StringReader(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        text.stringPropertyNames().forEach(name -> properties.put(name, text.getProperty(name)));
        return properties;
    }
}
