package org.vanguard.hub.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionStore;
import org.vanguard.governance.objection.ObjectionType;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.mailbox.GovernanceChanged;

/** Standing objections on the database: recorded one by one, or the National Data Opt-out list replaced whole. */
@Repository
public class JdbcObjectionStore implements ObjectionStore {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    public JdbcObjectionStore(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public List<Objection> objectionsOf(NhsNumber patient) {
        return jdbc.query(
                "select objection, recorded_at, source from patient_objection where nhs_number = ?",
                (rs, n) -> new Objection(
                        patient,
                        ObjectionType.valueOf(rs.getString("objection")),
                        rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("source")),
                patient.value());
    }

    @Transactional
    public void record(Objection objection) {
        remove(objection.patient(), objection.type());
        jdbc.update(
                "insert into patient_objection (nhs_number, objection, recorded_at, source) values (?, ?, ?, ?)",
                objection.patient().value(),
                objection.type().name(),
                Timestamp.from(objection.recordedAt()),
                objection.source());
        events.publishEvent(GovernanceChanged.forPatient(objection.patient(), "objection " + objection.type()));
    }

    /** Records one objection of this type for each patient, all in one transaction (an imported file). */
    @Transactional
    public int recordAll(Collection<NhsNumber> patients, ObjectionType type, Instant at, String source) {
        List<String> numbers =
                patients.stream().map(NhsNumber::value).distinct().toList();
        jdbc.batchUpdate(
                "delete from patient_objection where nhs_number = ? and objection = ?",
                numbers.stream().map(n -> new Object[] {n, type.name()}).toList());
        jdbc.batchUpdate(
                "insert into patient_objection (nhs_number, objection, recorded_at, source) values (?, ?, ?, ?)",
                numbers.stream()
                        .map(n -> new Object[] {n, type.name(), Timestamp.from(at), source})
                        .toList());
        events.publishEvent(GovernanceChanged.forEveryone(numbers.size() + " objections " + type + " imported"));
        return numbers.size();
    }

    public boolean remove(NhsNumber patient, ObjectionType type) {
        return jdbc.update(
                        "delete from patient_objection where nhs_number = ? and objection = ?",
                        patient.value(),
                        type.name())
                > 0;
    }

    /**
     * Replaces every National Data Opt-out with the given list, in one transaction, as each import from the
     * national check service is a complete answer: a patient missing from it has opted back in.
     */
    @Transactional
    public int replaceNationalDataOptOuts(Collection<NhsNumber> patients, Instant at, String source) {
        jdbc.update("delete from patient_objection where objection = ?", ObjectionType.NATIONAL_DATA_OPT_OUT.name());
        List<Object[]> rows = patients.stream()
                .distinct()
                .map(p ->
                        new Object[] {p.value(), ObjectionType.NATIONAL_DATA_OPT_OUT.name(), Timestamp.from(at), source
                        })
                .toList();
        jdbc.batchUpdate(
                "insert into patient_objection (nhs_number, objection, recorded_at, source) values (?, ?, ?, ?)", rows);
        events.publishEvent(GovernanceChanged.forEveryone("National Data Opt-out list replaced"));
        return rows.size();
    }
}
