package org.vanguard.hub.web;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.profiles.fhir.OperationOutcomes;
import org.vanguard.routes.consent.ConsentIntake;

/**
 * {@code POST /fhir/Consent} (FHIR REST create): a patient's privacy Consent, kept before the answer so
 * that every decision after it honours it.
 */
@RestController
@RequestMapping("/fhir/Consent")
public class ConsentController {

    private final ConsentIntake intake;

    public ConsentController(ConsentIntake intake) {
        this.intake = intake;
    }

    @PostMapping
    public ResponseEntity<String> create(AuthenticatedParticipant caller,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        ConsentRecord record = intake.accept(body, contentType, caller.ods());
        String localId = record.id().substring(record.id().indexOf('/') + 1);
        return ResponseEntity.created(URI.create("Consent/" + localId))
                .contentType(FhirResponses.FHIR_JSON)
                .body(FhirResponses.body(OperationOutcomes.information(
                        "Consent " + record.id() + " (" + record.state().name().toLowerCase(java.util.Locale.ROOT)
                                + ") recorded for patient " + record.patient() + "; it applies to every decision from now on")));
    }
}
