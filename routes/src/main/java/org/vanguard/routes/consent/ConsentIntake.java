package org.vanguard.routes.consent;

import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * {@code POST /fhir/Consent}: a patient's privacy choice, checked and kept before the answer, so every
 * decision taken after the answer honours it (a withdrawal included).
 */
@Component
public class ConsentIntake {

    private final ConsentRepository consents;
    private final ConsentReader reader = new ConsentReader();

    public ConsentIntake(ConsentRepository consents) {
        this.consents = consents;
    }

    public ConsentRecord accept(byte[] body, String contentType, OdsCode sender) {
        Resource resource = FhirParsing.parse(body, contentType);
        if (!(resource instanceof Consent consent)) {
            throw new FhirInputException(Rejection.INVALID,
                    InputIssue.invalid(resource.fhirType(), "expected a Consent, got a " + resource.fhirType()));
        }
        ConsentRecord record = reader.read(consent, "Consent", sender);
        consent.setId(record.id().substring(record.id().indexOf('/') + 1));
        consents.save(record, FhirParsing.toJson(consent));
        return record;
    }
}
