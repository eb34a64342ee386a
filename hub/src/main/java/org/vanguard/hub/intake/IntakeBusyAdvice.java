package org.vanguard.hub.intake;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vanguard.hub.web.FhirResponses;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;
import org.vanguard.routes.intake.IntakeBusyException;

/**
 * A message refused for backpressure: 503 when the hub is at its intake bound, 429 when the sender is over its
 * share, both with {@code Retry-After} and an OperationOutcome of type {@code throttled} saying why; logged at INFO,
 * since neither the sender nor the hub has failed. Ordered first, ahead of the hub's catch-all handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeBusyAdvice {

    private static final Logger log = LoggerFactory.getLogger(IntakeBusyAdvice.class);

    @ExceptionHandler(IntakeBusyException.class)
    ResponseEntity<String> busy(IntakeBusyException e) {
        HttpStatus status = e.kind() == IntakeBusyException.Kind.BUSY
                ? HttpStatus.SERVICE_UNAVAILABLE
                : HttpStatus.TOO_MANY_REQUESTS;
        log.info("Refused a message for backpressure ({}): {}", status.value(), e.getMessage());
        ResponseEntity<String> refusal = FhirResponses.of(
                status, OperationOutcomes.of(List.of(new InputIssue(IssueType.THROTTLED, "(intake)", e.getMessage()))));
        return ResponseEntity.status(status)
                .headers(refusal.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(refusal.getBody());
    }
}
