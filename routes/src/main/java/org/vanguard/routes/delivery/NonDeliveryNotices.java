package org.vanguard.routes.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.message.MessageBundles;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.dispatch.DeliverySigner;

/**
 * The non-delivery notice a sender receives when the hub gives up on one of its deliveries: a FHIR response
 * message ({@code MessageHeader.response.code = fatal-error}, quoting the sender's own MessageHeader id)
 * with an OperationOutcome saying which message did not reach whom, and why. Notices exist only for
 * deliveries that were permitted, so they never reveal a recipient the hub denied.
 */
public final class NonDeliveryNotices {

    /** The mailbox sender of notices: the hub itself, not a participant. */
    public static final String HUB_SENDER = HubHeaders.HUB_SENDER;
    /** The event the mailbox lists a notice under. */
    public static final String EVENT = "non-delivery";

    private final DeliverySigner signer;

    public NonDeliveryNotices(DeliverySigner signer) {
        this.signer = signer;
    }

    /** The notice for a dead letter, addressed to its sender; empty when the dead delivery was itself a notice. */
    public Optional<WaitingDelivery> about(DeadLetter dead, Instant now) {
        WaitingDelivery delivery = dead.delivery();
        if (delivery.sender() == null || HUB_SENDER.equals(delivery.sender())) {
            return Optional.empty();
        }
        OdsCode sender = OdsCode.of(delivery.sender());
        String noticeId = UUID.nameUUIDFromBytes(
                        ("non-delivery|" + delivery.deliveryId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        String bundle = FhirParsing.toJson(bundle(dead, sender, noticeId, now));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(HubHeaders.DELIVERY_ID, noticeId);
        properties.put(HubHeaders.MESSAGE_ID, delivery.hubMessageId());
        properties.put(HubHeaders.SENDER, HUB_SENDER);
        properties.put(HubHeaders.RECIPIENT, sender.value());
        properties.put(HubHeaders.EVENT, EVENT);
        properties.put(HubHeaders.ACCEPTED_AT, now.toString());
        properties.put(HubHeaders.AGREEMENTS, "");
        properties.put(HubHeaders.SIGNATURE, signer.sign(bundle.getBytes(StandardCharsets.UTF_8)));
        return Optional.of(new WaitingDelivery(noticeId, delivery.hubMessageId(), sender, now, bundle, properties));
    }

    private static Bundle bundle(DeadLetter dead, OdsCode sender, String noticeId, Instant now) {
        WaitingDelivery delivery = dead.delivery();
        Bundle original = FhirParsing.fromTrustedJson(Bundle.class, delivery.bundle());
        MessageHeader originalHeader =
                (MessageHeader) original.getEntryFirstRep().getResource();
        String originalHeaderId = originalHeader.getIdElement().getIdPart() == null
                ? null
                : Acknowledgements.withoutUrnPrefix(
                        originalHeader.getIdElement().getIdPart());
        OperationOutcome outcome = new OperationOutcome();
        outcome.setId(UUID.randomUUID().toString());
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(
                        dead.cause() == DeadLetter.Cause.EXPIRED
                                ? OperationOutcome.IssueType.TIMEOUT
                                : OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics(
                        "Your message " + (originalHeaderId == null ? "" : originalHeaderId + " ") + "(hub message "
                                + delivery.hubMessageId() + ", " + delivery.event() + ") could not be delivered to "
                                + delivery.recipient() + ": " + dead.reason());
        return MessageBundles.notice(
                noticeId,
                sender.value(),
                originalHeader,
                delivery.hubMessageId(),
                outcome,
                "non-delivery: hub message " + delivery.hubMessageId() + " to " + delivery.recipient(),
                Date.from(now));
    }
}
