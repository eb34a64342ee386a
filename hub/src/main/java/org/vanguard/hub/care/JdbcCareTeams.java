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
import org.vanguard.routes.care.CareTeamRepository;

/** Care teams on the database: the FHIR CareTeam kept whole, its patient and member organisations beside it for lookup. */
@Repository
public class JdbcCareTeams implements CareTeamRepository {

    private final JdbcTemplate jdbc;

    public JdbcCareTeams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<OdsCode> membersFor(String careTeamId, NhsNumber patient) {
        return jdbc.query("""
                select m.member_ods from care_team_member m join care_team t on t.id = m.team_id
                where t.id = ? and t.nhs_number = ? order by m.member_ods""", (rs, n) -> OdsCode.of(rs.getString(1)), careTeamId, patient.value());
    }

    /** Creates or replaces the team; true when it was new. */
    @Transactional
    public boolean put(
            String id, NhsNumber patient, List<OdsCode> members, String resourceJson, String by, Instant at) {
        jdbc.update("delete from care_team_member where team_id = ?", id);
        boolean created = jdbc.update("delete from care_team where id = ?", id) == 0;
        jdbc.update(
                "insert into care_team (id, nhs_number, resource_json, updated_at, updated_by) values (?, ?, ?, ?, ?)",
                id,
                patient.value(),
                resourceJson,
                Timestamp.from(at),
                by);
        for (OdsCode member : members) {
            jdbc.update("insert into care_team_member (team_id, member_ods) values (?, ?)", id, member.value());
        }
        return created;
    }

    public Optional<String> resourceJson(String id) {
        return jdbc.query("select resource_json from care_team where id = ?", (rs, n) -> rs.getString(1), id).stream()
                .findFirst();
    }

    /** Deletes the team and its members; false when there was none. */
    @Transactional
    public boolean delete(String id) {
        jdbc.update("delete from care_team_member where team_id = ?", id);
        return jdbc.update("delete from care_team where id = ?", id) > 0;
    }
}
