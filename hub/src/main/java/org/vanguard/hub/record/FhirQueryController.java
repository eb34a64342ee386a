package org.vanguard.hub.record;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.hub.web.FhirAnswers;
import org.vanguard.hub.web.Searchsets;
import org.vanguard.routes.query.QueryParameters;
import org.vanguard.routes.query.RecordQuery;

/**
 * FHIR search over the shared record store (FHIR R4 RESTful search, token parameters): a participant's
 * system asks for a patient's Patient or CarePlan records, on admission for instance, and states why in
 * {@code X-Purpose-Of-Use}. Each answer is decided and audited like a delivery; see {@link RecordQuery}.
 * {@code GET [type]?...} and {@code POST [type]/_search} (form-encoded, as FHIR clients send long or sensitive
 * searches, keeping the NHS number out of URLs and logs) are the same search; results page by {@code _count}.
 */
@RestController
@RequestMapping("/fhir")
class FhirQueryController {

    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

    private final RecordQuery query;

    public FhirQueryController(RecordQuery query) {
        this.query = query;
    }

    @GetMapping("/Patient")
    public ResponseEntity<String> patients(
            AuthenticatedParticipant caller,
            @RequestParam(value = "identifier", required = false) String identifier,
            @RequestParam(value = "_count", required = false) String count,
            @RequestParam(value = Searchsets.OFFSET, required = false) String offset,
            @RequestParam(value = "_summary", required = false) String summary,
            @RequestHeader(value = QueryParameters.PURPOSE_HEADER, required = false) String purpose) {
        return search(
                caller, purpose, "Patient", "identifier", identifier, Searchsets.Paging.of(count, offset, summary));
    }

    @PostMapping(path = "/Patient/_search", consumes = FORM)
    public ResponseEntity<String> patientsByPost(
            AuthenticatedParticipant caller,
            @RequestParam(value = "identifier", required = false) String identifier,
            @RequestParam(value = "_count", required = false) String count,
            @RequestParam(value = Searchsets.OFFSET, required = false) String offset,
            @RequestParam(value = "_summary", required = false) String summary,
            @RequestHeader(value = QueryParameters.PURPOSE_HEADER, required = false) String purpose) {
        return patients(caller, identifier, count, offset, summary, purpose);
    }

    @GetMapping("/CarePlan")
    public ResponseEntity<String> carePlans(
            AuthenticatedParticipant caller,
            @RequestParam(value = "patient.identifier", required = false) String identifier,
            @RequestParam(value = "_count", required = false) String count,
            @RequestParam(value = Searchsets.OFFSET, required = false) String offset,
            @RequestParam(value = "_summary", required = false) String summary,
            @RequestHeader(value = QueryParameters.PURPOSE_HEADER, required = false) String purpose) {
        return search(
                caller,
                purpose,
                "CarePlan",
                "patient.identifier",
                identifier,
                Searchsets.Paging.of(count, offset, summary));
    }

    @PostMapping(path = "/CarePlan/_search", consumes = FORM)
    public ResponseEntity<String> carePlansByPost(
            AuthenticatedParticipant caller,
            @RequestParam(value = "patient.identifier", required = false) String identifier,
            @RequestParam(value = "_count", required = false) String count,
            @RequestParam(value = Searchsets.OFFSET, required = false) String offset,
            @RequestParam(value = "_summary", required = false) String summary,
            @RequestHeader(value = QueryParameters.PURPOSE_HEADER, required = false) String purpose) {
        return carePlans(caller, identifier, count, offset, summary, purpose);
    }

    private ResponseEntity<String> search(
            AuthenticatedParticipant caller,
            String purposeHeader,
            String type,
            String parameter,
            String token,
            Searchsets.Paging paging) {
        NhsNumber patient = QueryParameters.nhsNumber(parameter, token);
        Purpose purpose = QueryParameters.purpose(purposeHeader);
        RecordQuery.Result result = query.search(caller.ods(), purpose, patient, type);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(parameter, token);
        return ResponseEntity.status(HttpStatus.OK)
                .header("X-Hub-Query-Id", result.queryId())
                .contentType(FhirAnswers.FHIR_JSON)
                .body(FhirAnswers.json(
                        Searchsets.page(
                                result.queryId(),
                                type,
                                parameters,
                                result.searchset().getEntry().stream()
                                        .map(entry -> entry.getResource())
                                        .toList(),
                                paging),
                        paging.summary()));
    }
}
