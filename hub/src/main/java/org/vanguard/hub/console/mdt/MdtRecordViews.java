package org.vanguard.hub.console.mdt;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.decision.ReasonCode;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.audit.AdminChange;
import org.vanguard.hub.audit.JdbcAuditLog;
import org.vanguard.hub.record.JdbcRecordStore;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.routes.dispatch.RecipientDecisions;
import org.vanguard.routes.record.SharedRecord;

/**
 * What an MDT member may see of a patient, decided now: the records every other source holds about the patient
 * (latest version of each Patient and CarePlan), each source's records decided as if that source shared them with the
 * member's team for direct care (TREAT), or for break-glass (BTG) with the member's coded reason, exactly as the query
 * API decides them ({@link RecipientDecisions}: the same rules, minimisation, audit rows and review queue). The
 * decisions are audited under a view id of their own, and a record of the view names the person, so "who saw my
 * record" answers with a name, not only a team.
 */
@Service
public class MdtRecordViews {

    static final List<String> TYPES = List.of("Patient", "CarePlan");

    /** How the view came out for the person. */
    public enum Outcome {
        /** At least one source's records may be shown. */
        OPEN,
        /** Every source refused: no legitimate relationship, no agreement. */
        REFUSED,
        /** The team may see the patient's records, but the patient objected or withdrew consent. */
        WITHHELD,
        /** The hub holds no record of this patient from anyone else. */
        NOTHING_HELD
    }

    /** One record shown, with where it came from and what it was decided under now. */
    public record Shown(
            SharedRecord record,
            Resource released,
            String agreement,
            List<SharedRecord> versions,
            Optional<String> sharedUnder) {}

    /** A source's records that were not shown, and why in words. */
    public record NotShown(OdsCode source, String resourceType, List<ReasonCode> reasons, String explanation) {}

    /** The view: its outcome, the records shown and refused, the id its decisions are audited under. */
    public record View(
            String viewId,
            NhsNumber patient,
            Purpose purpose,
            Outcome outcome,
            List<Shown> shown,
            List<NotShown> notShown) {

        public Optional<Patient> patientRecord() {
            return shown.stream()
                    .filter(s -> s.released() instanceof Patient)
                    .map(s -> (Patient) s.released())
                    .findFirst();
        }

        public List<Shown> carePlans() {
            return shown.stream().filter(s -> s.released() instanceof CarePlan).toList();
        }

        public Optional<Instant> newest() {
            return shown.stream().map(s -> s.record().storedAt()).max(Comparator.naturalOrder());
        }
    }

    private final JdbcRecordStore records;
    private final RecipientDecisions decisions;
    private final AuditLog audit;
    private final JdbcAuditLog chain;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public MdtRecordViews(
            JdbcRecordStore records,
            RecipientDecisions decisions,
            AuditLog audit,
            JdbcAuditLog chain,
            JdbcTemplate jdbc,
            Clock clock) {
        this.records = records;
        this.decisions = decisions;
        this.audit = audit;
        this.chain = chain;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Decides and audits one person's view of one patient for their team.
     *
     * @param person who is looking, as the audit names them
     * @param occasion what the person did, for the audit: {@code caseload} or {@code patient}
     * @param emergency the person's break-glass reason, which makes the purpose BTG
     */
    public View open(
            String person, OdsCode team, NhsNumber patient, String occasion, Optional<EmergencyOverride> emergency) {
        Purpose purpose = emergency.isPresent() ? Purpose.BTG : Purpose.TREAT;
        String viewId = "console-" + occasion + "-" + UUID.randomUUID();
        Instant now = clock.instant();
        Map<OdsCode, List<SharedRecord>> bySource = new LinkedHashMap<>();
        for (String type : TYPES) {
            for (SharedRecord record : records.latestAbout(patient, type)) {
                if (!record.key().source().equals(team)) {
                    bySource.computeIfAbsent(record.key().source(), s -> new ArrayList<>())
                            .add(record);
                }
            }
        }
        List<AuditEntry> entries = new ArrayList<>();
        List<Shown> shown = new ArrayList<>();
        List<NotShown> notShown = new ArrayList<>();
        List<Resource> patientRecords = null;
        for (Map.Entry<OdsCode, List<SharedRecord>> source : bySource.entrySet()) {
            Set<String> types = new LinkedHashSet<>();
            source.getValue().forEach(r -> types.add(r.key().resourceType()));
            int first = entries.size();
            RecipientDecisions.Permitted permitted =
                    decisions.decide(viewId, source.getKey(), team, purpose, patient, types, emergency, now, entries);
            for (AuditEntry entry : entries.subList(first, entries.size())) {
                if (entry.outcome() == AuditEntry.Outcome.DENY) {
                    notShown.add(new NotShown(
                            source.getKey(), entry.request().resourceType(), entry.reasons(), entry.explanation()));
                }
            }
            if (permitted.nothing()) {
                continue;
            }
            if (patientRecords == null) {
                patientRecords = records.latestAbout(patient, "Patient").stream()
                        .map(r -> (Resource) FhirParsing.fromTrustedJson(Patient.class, r.resourceJson()))
                        .toList();
            }
            for (SharedRecord record : source.getValue()) {
                Class<? extends Resource> type =
                        "Patient".equals(record.key().resourceType()) ? Patient.class : CarePlan.class;
                Resource resource = FhirParsing.fromTrustedJson(type, record.resourceJson());
                Optional<Resource> released = decisions.release(resource, permitted, patientRecords);
                if (released.isPresent()) {
                    String agreement = entries.stream()
                            .filter(e -> e.outcome() == AuditEntry.Outcome.PERMIT
                                    && e.request().sender().equals(source.getKey())
                                    && e.request()
                                            .resourceType()
                                            .equals(record.key().resourceType()))
                            .map(e -> e.agreement().orElse(""))
                            .findFirst()
                            .orElse("");
                    shown.add(new Shown(
                            record,
                            released.get(),
                            agreement,
                            records.history(record.key()),
                            sharedUnder(record, team)));
                }
            }
        }
        shown.sort(Comparator.comparing((Shown s) -> s.record().storedAt()).reversed());
        Outcome outcome = bySource.isEmpty()
                ? Outcome.NOTHING_HELD
                : !shown.isEmpty()
                        ? Outcome.OPEN
                        : notShown.stream()
                                        .allMatch(n -> n.reasons().contains(ReasonCode.NO_PATIENT_CONSENT)
                                                && !n.reasons().contains(ReasonCode.NO_RELATIONSHIP)
                                                && !n.reasons().contains(ReasonCode.NO_AGREEMENT))
                                ? Outcome.WITHHELD
                                : Outcome.REFUSED;
        if (!entries.isEmpty()) {
            audit.record(entries);
        }
        String words = person + " (MDT member of " + team.value() + ") "
                + (emergency.isPresent()
                        ? "used break-glass (" + emergency.get().reasonCode() + ": "
                                + emergency.get().reasonText() + ") to open"
                        : "opened")
                + " the shared record of patient " + patient.value() + " in the console (" + occasion + ") for "
                + purpose.code() + ": " + outcome.name().toLowerCase().replace('_', ' ') + ", " + shown.size()
                + " records shown, " + notShown.size() + " refused; decisions under " + viewId;
        chain.record(new AdminChange(
                now,
                person,
                emergency.isPresent() ? AdminChange.BREAK_GLASS : AdminChange.RECORD_VIEW,
                words,
                Optional.of(patient.value()),
                Optional.of(team.value()),
                Optional.empty()));
        return new View(viewId, patient, purpose, outcome, shown, notShown);
    }

    /** The dispatch decision that delivered this version to the team, if it was delivered: agreement and purpose. */
    private Optional<String> sharedUnder(SharedRecord record, OdsCode team) {
        return jdbc
                .query(
                        """
                select agreement_ref, purpose from audit_decision where message_id = ? and recipient_ods = ?
                and resource_type = ? and outcome = 'PERMIT' and event_kind = 'DISPATCH' order by seq""",
                        (rs, n) -> rs.getString("agreement_ref") + " for " + rs.getString("purpose"),
                        record.hubMessageId(),
                        team.value(),
                        record.key().resourceType())
                .stream()
                .findFirst();
    }

    /** The team's caseload: patients with an MDT caseload relationship in force, with when each joined it. */
    public Map<NhsNumber, Instant> caseload(OdsCode team) {
        Map<NhsNumber, Instant> patients = new LinkedHashMap<>();
        jdbc.query(
                """
                select nhs_number, since from care_relationship where participant = ? and kind = 'MDT_CASELOAD'
                and (until_time is null or until_time > ?) order by since desc""",
                rs -> {
                    patients.put(
                            NhsNumber.of(rs.getString("nhs_number")),
                            rs.getTimestamp("since").toInstant());
                },
                team.value(),
                Timestamp.from(clock.instant()));
        return patients;
    }

    /** When each patient's records were last marked read by this person. */
    public Optional<Instant> readUpTo(String person, NhsNumber patient) {
        return jdbc
                .query(
                        "select read_up_to from mdt_read_marker where person = ? and nhs_number = ?",
                        (rs, n) -> rs.getTimestamp("read_up_to").toInstant(),
                        person,
                        patient.value())
                .stream()
                .findFirst();
    }

    /** Marks everything the person was shown of the patient, up to {@code upTo}, as read; audited. */
    public void markRead(String person, OdsCode team, NhsNumber patient, Instant upTo) {
        Instant now = clock.instant();
        if (jdbc.update(
                        "update mdt_read_marker set read_up_to = ?, read_at = ? where person = ? and nhs_number = ?",
                        Timestamp.from(upTo),
                        Timestamp.from(now),
                        person,
                        patient.value())
                == 0) {
            jdbc.update(
                    "insert into mdt_read_marker (person, nhs_number, read_up_to, read_at) values (?, ?, ?, ?)",
                    person,
                    patient.value(),
                    Timestamp.from(upTo),
                    Timestamp.from(now));
        }
        chain.record(new AdminChange(
                now,
                person,
                "mdt.mark-read",
                person + " (MDT member of " + team.value() + ") marked the shared record of patient " + patient.value()
                        + " read up to " + upTo,
                Optional.of(patient.value()),
                Optional.of(team.value()),
                Optional.empty()));
    }
}
