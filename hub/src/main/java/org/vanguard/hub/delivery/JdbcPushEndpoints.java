package org.vanguard.hub.delivery;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.delivery.PushEndpoints;

/** Participants' registered FHIR endpoints, one per participant. */
@Repository
public class JdbcPushEndpoints implements PushEndpoints {

    /** A registration as an IG officer sees it. */
    public record Registration(String participant, String baseUrl, String registeredBy, Instant registeredAt) {}

    private final JdbcTemplate jdbc;

    public JdbcPushEndpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<URI> endpointOf(OdsCode participant) {
        return find(participant).map(registration -> URI.create(registration.baseUrl()));
    }

    public Optional<Registration> find(OdsCode participant) {
        return jdbc
                .query(
                        "select ods, base_url, registered_by, registered_at from participant_endpoint where ods = ?",
                        (rs, n) -> new Registration(
                                rs.getString("ods"),
                                rs.getString("base_url"),
                                rs.getString("registered_by"),
                                rs.getTimestamp("registered_at").toInstant()),
                        participant.value())
                .stream()
                .findFirst();
    }

    public List<OdsCode> registered() {
        return jdbc.queryForList("select ods from participant_endpoint order by ods", String.class).stream()
                .map(OdsCode::of)
                .toList();
    }

    /** Registers or replaces the participant's endpoint. */
    @Transactional
    public Registration register(OdsCode participant, URI base, String by, Instant at) {
        jdbc.update("delete from participant_endpoint where ods = ?", participant.value());
        jdbc.update(
                "insert into participant_endpoint (ods, base_url, registered_by, registered_at) values (?, ?, ?, ?)",
                participant.value(),
                base.toString(),
                by,
                Timestamp.from(at));
        return new Registration(participant.value(), base.toString(), by, at);
    }

    /** False when there was none. */
    public boolean remove(OdsCode participant) {
        return jdbc.update("delete from participant_endpoint where ods = ?", participant.value()) > 0;
    }
}
