package org.vanguard.hub.care;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.routes.care.SubscriptionRepository;

/**
 * Standing subscriptions on the database. The {@code caseload} cohort is every patient the subscriber has a
 * care relationship in force with (registered GP, residency, admission, referral, MDT caseload): the
 * patients it already cares for, as the relationship table knows them at the moment a message is dispatched.
 */
@Repository
public class JdbcSubscriptions implements SubscriptionRepository {

    /** The one cohort the hub knows. */
    public static final String CASELOAD = "caseload";

    private final JdbcTemplate jdbc;

    public JdbcSubscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A subscription as stored. */
    public record Subscription(
            String id, OdsCode participant, List<String> events, List<NhsNumber> patients, Optional<String> cohort) {}

    @Override
    public List<OdsCode> subscribersFor(String eventCode, NhsNumber patient) {
        return jdbc.query(
                """
                select distinct s.participant from hub_subscription s
                join hub_subscription_event e on e.subscription_id = s.id and e.event_code = ?
                where exists (select 1 from hub_subscription_patient p where p.subscription_id = s.id and p.nhs_number = ?)
                   or (s.cohort = ? and exists (select 1 from care_relationship r where r.participant = s.participant
                       and r.nhs_number = ? and r.until_time is null))
                order by s.participant""", (rs, n) -> OdsCode.of(rs.getString(1)), eventCode, patient.value(), CASELOAD, patient.value());
    }

    @Transactional
    public void create(Subscription subscription, String by, Instant at) {
        jdbc.update(
                "insert into hub_subscription (id, participant, cohort, created_at, created_by) values (?, ?, ?, ?, ?)",
                subscription.id(),
                subscription.participant().value(),
                subscription.cohort().orElse(null),
                Timestamp.from(at),
                by);
        for (String event : subscription.events()) {
            jdbc.update(
                    "insert into hub_subscription_event (subscription_id, event_code) values (?, ?)",
                    subscription.id(),
                    event);
        }
        for (NhsNumber patient : subscription.patients()) {
            jdbc.update(
                    "insert into hub_subscription_patient (subscription_id, nhs_number) values (?, ?)",
                    subscription.id(),
                    patient.value());
        }
    }

    public List<Subscription> all() {
        return jdbc.query("select id, participant, cohort from hub_subscription order by created_at, id", (rs, n) -> {
            String id = rs.getString("id");
            return new Subscription(
                    id,
                    OdsCode.of(rs.getString("participant")),
                    jdbc.queryForList(
                            "select event_code from hub_subscription_event where subscription_id = ? order by event_code",
                            String.class,
                            id),
                    jdbc
                            .queryForList(
                                    "select nhs_number from hub_subscription_patient where subscription_id = ? order by nhs_number",
                                    String.class,
                                    id)
                            .stream()
                            .map(NhsNumber::of)
                            .toList(),
                    Optional.ofNullable(rs.getString("cohort")));
        });
    }

    @Transactional
    public boolean delete(String id) {
        jdbc.update("delete from hub_subscription_event where subscription_id = ?", id);
        jdbc.update("delete from hub_subscription_patient where subscription_id = ?", id);
        return jdbc.update("delete from hub_subscription where id = ?", id) > 0;
    }
}
