package org.vanguard.hub.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;

/**
 * Spring Security's firewall refuses some requests only when a handler reads their parameters (a form-encoded body
 * whose "parameter name" is a whole FHIR resource with line breaks, say). That is the client's mistake: a 400
 * OperationOutcome, logged at INFO, not the hub's failure.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestRejections {

    private static final Logger log = LoggerFactory.getLogger(RequestRejections.class);
    private static final MediaType FHIR_JSON =
            new MediaType(MediaType.parseMediaType(FhirFormat.JSON.mediaType()), StandardCharsets.UTF_8);

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<String> rejected(RequestRejectedException e) {
        String message = "the request has a parameter name or value the hub does not accept (line breaks or control "
                + "characters); send FHIR resources with a FHIR content type";
        log.info("Refused request (400): {}", message);
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(FHIR_JSON)
                .body(FhirParsing.toJson(
                        OperationOutcomes.of(List.of(new InputIssue(IssueType.INVALID, "(request)", message)))));
    }
}
