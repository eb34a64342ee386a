package org.vanguard.hub.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.routes.review.OverrideReviews;

/**
 * The review queue. Opening a review also raises the alert: a WARN on the {@code hub.alert} logger, which
 * operators route to whoever is on call for information governance.
 */
@Repository
public class JdbcOverrideReviews implements OverrideReviews {

    private static final Logger alert = LoggerFactory.getLogger("hub.alert");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcOverrideReviews(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Opens the review unless this message's override for this recipient and resource type already has one: a
     * dispatch redelivered after a failure decides again (one message is never dispatched twice at once; the
     * unique index would roll a second concurrent opening back). The alert is raised once, with the review.
     */
    @Override
    public void open(String messageId, Decision.Permit permit, EmergencyOverride override) {
        var request = permit.request();
        Integer opened = jdbc.queryForObject(
                "select count(*) from override_review where message_id = ? and recipient_ods = ? and resource_type = ?",
                Integer.class,
                messageId,
                request.recipient().value(),
                request.resourceType());
        if (opened != null && opened > 0) {
            return;
        }
        jdbc.update(
                """
                insert into override_review (recorded_at, message_id, sender_ods, recipient_ods, purpose, nhs_number,
                    resource_type, reason_code, reason_text, requested_by, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""",
                Timestamp.from(clock.instant()),
                messageId,
                request.sender().value(),
                request.recipient().value(),
                request.purpose().code(),
                request.patient().value(),
                request.resourceType(),
                override.reasonCode(),
                override.reasonText(),
                override.requestedBy());
        alert.warn(
                "Emergency override: {} shared {} of patient {} with {} for {} over the patient's objection "
                        + "(reason {}: {}); queued for IG review",
                request.sender(),
                request.resourceType(),
                request.patient(),
                request.recipient(),
                request.purpose().code(),
                override.reasonCode(),
                override.reasonText());
    }

    public List<OverrideReview> list(Optional<String> status) {
        if (status.isPresent()) {
            return jdbc.query(
                    "select * from override_review where status = ? order by id",
                    (rs, n) -> view(rs),
                    status.get().toUpperCase(java.util.Locale.ROOT));
        }
        return jdbc.query("select * from override_review order by id", (rs, n) -> view(rs));
    }

    /** Closes an open review with the officer's conclusion and note; false when there is no open review with that id. */
    public boolean close(long id, String officer, ReviewOutcome outcome, String note) {
        return jdbc.update("""
                update override_review set status = 'CLOSED', closed_by = ?, closed_at = ?, review_note = ?, review_outcome = ?
                where id = ? and status = 'OPEN'""", officer, Timestamp.from(clock.instant()), note, outcome.name(), id) > 0;
    }

    /** One review, open or closed. */
    public Optional<OverrideReview> find(long id) {
        return jdbc.query("select * from override_review where id = ?", (rs, n) -> view(rs), id).stream()
                .findFirst();
    }

    private static OverrideReview view(ResultSet rs) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new OverrideReview(
                rs.getLong("id"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("message_id"),
                rs.getString("sender_ods"),
                rs.getString("recipient_ods"),
                rs.getString("purpose"),
                rs.getString("nhs_number"),
                rs.getString("resource_type"),
                rs.getString("reason_code"),
                rs.getString("reason_text"),
                rs.getString("requested_by"),
                rs.getString("status"),
                rs.getString("closed_by"),
                closed == null ? null : closed.toInstant(),
                rs.getString("review_note"),
                Optional.ofNullable(rs.getString("review_outcome"))
                        .map(o -> ReviewOutcome.valueOf(o).code())
                        .orElse(null));
    }
}
