package org.vanguard.hub.pseudonym;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.hub.web.CallerNotAllowedException;
import org.vanguard.hub.web.NotFoundException;

/**
 * Pseudonyms: a controller re-identifies one of its own patients from a pseudonym a processor gave back (case
 * finding: the patient's own care team makes contact), and an IG officer rotates an agreement's pseudonym key.
 */
@RestController
class PseudonymController {

    private static final Logger log = LoggerFactory.getLogger(PseudonymController.class);

    private final Reidentification reidentification;
    private final JdbcPseudonymKeys keys;
    private final AgreementStore agreements;
    private final AdminAudit audit;

    public PseudonymController(
            Reidentification reidentification, JdbcPseudonymKeys keys, AgreementStore agreements, AdminAudit audit) {
        this.reidentification = reidentification;
        this.keys = keys;
        this.agreements = agreements;
        this.audit = audit;
    }

    /** Which pseudonym, under which agreement. */
    public record ReidentifyRequest(String agreement, String pseudonym) {}

    @PostMapping("/pseudonyms/$re-identify")
    public Map<String, String> reidentify(AuthenticatedParticipant caller, @RequestBody ReidentifyRequest request) {
        String agreement = AdminRequests.field("agreement", request.agreement(), String::strip);
        String pseudonym = AdminRequests.field("pseudonym", request.pseudonym(), String::strip);
        Reidentification.Outcome outcome = reidentification.reidentify(caller.ods(), agreement, pseudonym);
        if (outcome instanceof Reidentification.Outcome.Found found) {
            log.info("{} re-identified a pseudonym of {} (audited)", caller.ods(), agreement);
            return Map.of(
                    "agreement",
                    agreement,
                    "pseudonym",
                    pseudonym,
                    "nhsNumber",
                    found.patient().value());
        }
        throw new CallerNotAllowedException(
                HttpStatus.FORBIDDEN, "pseudonym", ((Reidentification.Outcome.Refused) outcome).why());
    }

    @PostMapping("/admin/agreements/{id}/pseudonym-keys/rotate")
    public Map<String, String> rotate(AuthenticatedOfficer officer, @PathVariable String id) {
        if (agreements.current().find(id).isEmpty()) {
            throw new NotFoundException("no agreement " + id);
        }
        String keyId = audit.change(
                () -> keys.rotate(id),
                made -> audit.by(
                                officer.subject(),
                                "pseudonym-key.rotate",
                                "rotated the pseudonym key of agreement " + id + "; new key " + made)
                        .aboutAgreement(id));
        log.info("{} rotated the pseudonym key of {}; new key {}", officer.subject(), id, keyId);
        return Map.of("agreement", id, "pseudonymKey", keyId);
    }
}
