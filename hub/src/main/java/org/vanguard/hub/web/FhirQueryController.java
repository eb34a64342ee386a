package org.vanguard.hub.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.routes.query.QueryParameters;
import org.vanguard.routes.query.RecordQuery;

/**
 * FHIR search over the shared record store (FHIR R4 RESTful search, token parameters): a participant's
 * system asks for a patient's Patient or CarePlan records, on admission for instance, and states why in
 * {@code X-Purpose-Of-Use}. Each answer is decided and audited like a delivery; see {@link RecordQuery}.
 */
@RestController
@RequestMapping("/fhir")
public class FhirQueryController {

    private final RecordQuery query;

    public FhirQueryController(RecordQuery query) {
        this.query = query;
    }

    @GetMapping("/Patient")
    public ResponseEntity<String> patients(AuthenticatedParticipant caller,
            @RequestParam(value = "identifier", required = false) String identifier,
            @RequestHeader(value = QueryParameters.PURPOSE_HEADER, required = false) String purpose) {
        return search(caller, purpose, QueryParameters.nhsNumber("identifier", identifier), "Patient");
    }

    @GetMapping("/CarePlan")
    public ResponseEntity<String> carePlans(AuthenticatedParticipant caller,
            @RequestParam(value = "patient.identifier", required = false) String identifier,
            @RequestHeader(value = QueryParameters.PURPOSE_HEADER, required = false) String purpose) {
        return search(caller, purpose, QueryParameters.nhsNumber("patient.identifier", identifier), "CarePlan");
    }

    private ResponseEntity<String> search(AuthenticatedParticipant caller, String purposeHeader, NhsNumber patient,
            String type) {
        Purpose purpose = QueryParameters.purpose(purposeHeader);
        RecordQuery.Result result = query.search(caller.ods(), purpose, patient, type);
        return ResponseEntity.status(HttpStatus.OK).header("X-Hub-Query-Id", result.queryId())
                .contentType(FhirResponses.FHIR_JSON).body(FhirResponses.body(result.searchset()));
    }
}
