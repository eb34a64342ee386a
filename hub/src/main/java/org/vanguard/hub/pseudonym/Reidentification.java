package org.vanguard.hub.pseudonym;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.agreement.PartyRole;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.pseudonym.Pseudonyms;
import org.vanguard.hub.audit.AdminAudit;

/**
 * Going back from a pseudonym to the patient, for case finding: only a controller (or joint controller) of the
 * agreement that made the pseudonym may ask, and only among the patients it has a legitimate relationship with in
 * force (its own registered patients, residents, caseload), so a controller finds its own patients and nobody
 * else's, and a processor finds nobody. Every attempt, answered or refused, is in the audit chain with who asked,
 * which agreement and pseudonym, and what came of it.
 */
public class Reidentification {

    /** What came of one attempt. */
    public sealed interface Outcome {
        /** The pseudonym is of this patient of the caller's. */
        record Found(NhsNumber patient) implements Outcome {}

        /** Not answered, and why (not a controller, no such agreement, not one of the caller's patients). */
        record Refused(String why) implements Outcome {}
    }

    private final AgreementStore agreements;
    private final Pseudonyms pseudonyms;
    private final JdbcTemplate jdbc;
    private final AdminAudit audit;
    private final Clock clock;

    public Reidentification(
            AgreementStore agreements, Pseudonyms pseudonyms, JdbcTemplate jdbc, AdminAudit audit, Clock clock) {
        this.agreements = agreements;
        this.pseudonyms = pseudonyms;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public Outcome reidentify(OdsCode caller, String agreementId, String pseudonym) {
        return audit.change(() -> decide(caller, agreementId, pseudonym), outcome -> {
            String detail = outcome instanceof Outcome.Refused refused
                    ? caller + " asked to re-identify pseudonym " + pseudonym + " of agreement " + agreementId
                            + "; refused: " + refused.why()
                    : caller + " re-identified pseudonym " + pseudonym + " of agreement " + agreementId
                            + " as its own patient, for case finding";
            var change = audit.by(
                            "participant:" + caller,
                            outcome instanceof Outcome.Found
                                    ? "pseudonym.re-identify"
                                    : "pseudonym.re-identify.refused",
                            detail)
                    .aboutAgreement(agreementId)
                    .aboutParticipant(caller.value());
            return outcome instanceof Outcome.Found found
                    ? change.aboutPatient(found.patient().value())
                    : change;
        });
    }

    private Outcome decide(OdsCode caller, String agreementId, String pseudonym) {
        Optional<Agreement> agreement = agreements.current().find(agreementId);
        if (agreement.isEmpty()) {
            return new Outcome.Refused("there is no agreement " + agreementId);
        }
        boolean controller = agreement.get().parties().stream()
                .anyMatch(party -> party.ods().equals(caller)
                        && (party.role() == PartyRole.CONTROLLER || party.role() == PartyRole.JOINT_CONTROLLER));
        if (!controller) {
            return new Outcome.Refused(caller + " is not a controller of " + agreementId
                    + "; only a controller re-identifies, for its own patients");
        }
        List<NhsNumber> ownPatients = jdbc
                .queryForList(
                        "select distinct nhs_number from care_relationship"
                                + " where participant = ? and since <= ? and (until_time is null or until_time > ?)",
                        String.class,
                        caller.value(),
                        Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant()))
                .stream()
                .map(NhsNumber::of)
                .toList();
        return pseudonyms
                .reidentify(agreementId, pseudonym, ownPatients)
                .<Outcome>map(Outcome.Found::new)
                .orElseGet(() -> new Outcome.Refused(
                        "the pseudonym is not of a patient " + caller + " has a legitimate relationship with"));
    }
}
