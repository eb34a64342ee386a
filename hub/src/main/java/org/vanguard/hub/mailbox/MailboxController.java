package org.vanguard.hub.mailbox;

import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.hub.web.FhirResponses;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/** The calling participant's mailbox: list what awaits it, read a delivery, acknowledge it to remove it. */
@RestController
@RequestMapping("/mailbox/messages")
class MailboxController {

    /** The hub's detached JWS over the response body's exact bytes; verify it with {@code /.well-known/jwks.json}. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature";

    private final MailboxService mailboxes;

    public MailboxController(MailboxService mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** What awaits the caller, oldest first. */
    public record MailboxListing(String participant, int count, List<MailboxEntry> messages) {}

    @GetMapping
    public MailboxListing list(AuthenticatedParticipant caller) {
        List<MailboxEntry> entries = mailboxes.list(caller.ods());
        return new MailboxListing(caller.ods().value(), entries.size(), entries);
    }

    @GetMapping("/{id}")
    public ResponseEntity<String> read(AuthenticatedParticipant caller, @PathVariable String id) {
        return mailboxes
                .read(caller.ods(), deliveryId(id))
                .map(delivered -> ResponseEntity.ok()
                        .header(SIGNATURE_HEADER, delivered.signature())
                        .contentType(FhirResponses.FHIR_JSON)
                        .body(delivered.bundle()))
                .orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/ack")
    public ResponseEntity<Void> acknowledge(AuthenticatedParticipant caller, @PathVariable String id) {
        if (!mailboxes.acknowledge(caller.ods(), deliveryId(id))) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static UUID deliveryId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new FhirInputException(
                    Rejection.INVALID, InputIssue.value("(path) id", "'" + id + "' is not a delivery id (a UUID)"));
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no delivery " + id + " in your mailbox");
    }
}
