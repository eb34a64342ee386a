package org.vanguard.hub.intake;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.hub.web.FhirResponses;
import org.vanguard.routes.intake.AcceptedMessage;
import org.vanguard.routes.intake.IntakeGateway;

/**
 * FHIR messaging intake ({@code $process-message}, FHIR R4 messaging). The answer comes only after the
 * message is durably queued; delivery to recipients happens after, asynchronously. Only so many requests are taken in
 * at once ({@link IntakeConcurrency}): past that, a request is refused at once with 503 or 429 and {@code Retry-After}.
 */
@RestController
@RequestMapping("/fhir")
class FhirMessagingController {

    private final IntakeGateway intake;
    private final ParticipantSignatures signatures;
    private final IntakeConcurrency concurrency;

    public FhirMessagingController(
            IntakeGateway intake, ParticipantSignatures signatures, IntakeConcurrency concurrency) {
        this.intake = intake;
        this.signatures = signatures;
        this.concurrency = concurrency;
    }

    @PostMapping("/$process-message")
    public ResponseEntity<String> processMessage(
            AuthenticatedParticipant caller,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = ParticipantSignatures.HEADER, required = false) String signature,
            @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        AcceptedMessage accepted;
        try (IntakeConcurrency.Permit permit = concurrency.acquire(caller.ods())) {
            signatures.check(caller, signature, body, request);
            accepted = intake.accept(body, contentType, caller.ods());
            permit.accepted();
        }
        return ResponseEntity.status(HttpStatus.OK)
                .header("X-Hub-Message-Id", accepted.hubMessageId())
                .contentType(FhirResponses.FHIR_JSON)
                .body(FhirResponses.body(accepted.response()));
    }
}
