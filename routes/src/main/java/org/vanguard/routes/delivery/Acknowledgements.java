package org.vanguard.routes.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Resource;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.message.MessageBundles;
import org.vanguard.routes.dispatch.DispatchPlanner;
import org.vanguard.routes.intake.AcceptedMessage;

/**
 * A recipient's FHIR response message (R4 messaging: a message whose MessageHeader has {@code response})
 * about a delivery waiting in its mailbox. {@code ok} settles it (out of the mailbox, recorded as had);
 * {@code transient-error} leaves it where it is, to be collected or pushed again; {@code fatal-error}
 * dead-letters it and tells its sender. {@code response.identifier} is the delivery's MessageHeader id
 * (the sender's, as delivered) or the hub's delivery id; only the responder's own mailbox is searched.
 */
public final class Acknowledgements {

    private static final String AT = "Bundle.entry[0].resource.response";

    private final MailboxAccess mailboxes;
    private final DeliveryLedger ledger;
    private final DeadLettering deadLettering;
    private final ParticipantDirectory participants;
    private final Clock clock;

    public Acknowledgements(
            MailboxAccess mailboxes,
            DeliveryLedger ledger,
            DeadLettering deadLettering,
            ParticipantDirectory participants,
            Clock clock) {
        this.mailboxes = mailboxes;
        this.ledger = ledger;
        this.deadLettering = deadLettering;
        this.participants = participants;
        this.clock = clock;
    }

    /** A response message rather than a new one: intake hands it here instead of dispatching it. */
    public static boolean isResponse(Resource resource) {
        return resource instanceof Bundle bundle
                && bundle.getType() == Bundle.BundleType.MESSAGE
                && bundle.getEntryFirstRep().getResource() instanceof MessageHeader header
                && header.hasResponse();
    }

    /**
     * Applies the response to the responder's delivery.
     *
     * @throws FhirInputException when the response names no code or no delivery waiting for this responder
     */
    public AcceptedMessage accept(Resource resource, OdsCode responder) {
        Bundle bundle = (Bundle) resource;
        MessageHeader header = (MessageHeader) bundle.getEntryFirstRep().getResource();
        MessageHeader.MessageHeaderResponseComponent response = header.getResponse();
        if (!response.hasIdentifier() || response.getIdentifier().isBlank()) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.required(
                            AT + ".identifier",
                            "a response message names the message it answers in MessageHeader.response.identifier"));
        }
        if (response.getCode() == null || response.getCode() == MessageHeader.ResponseType.NULL) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.required(
                            AT + ".code", "a response message needs a code: ok, transient-error or fatal-error"));
        }
        String answered = withoutUrnPrefix(response.getIdentifier());
        Set<String> candidates = candidates(answered, responder);
        Optional<WaitingDelivery> waiting = mailboxes.find(responder, candidates);
        Instant now = clock.instant();
        if (waiting.isEmpty()) {
            if (candidates.stream().anyMatch(ledger::delivered)) {
                return answer(header, answered, "already settled: nothing changed", now);
            }
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value(
                            AT + ".identifier",
                            "no delivery waiting in the mailbox of " + responder + " answers to '" + answered + "'"));
        }
        WaitingDelivery delivery = waiting.get();
        String outcome = switch (response.getCode()) {
            case OK -> {
                if (mailboxes.remove(responder, delivery.deliveryId())) {
                    ledger.record(delivery, "ack");
                    ledger.note(delivery.deliveryId(), delivery.hubMessageId(), responder, "acknowledged", "ok");
                }
                yield "settled: delivery " + delivery.deliveryId() + " is out of your mailbox";
            }
            case TRANSIENTERROR -> {
                ledger.note(
                        delivery.deliveryId(),
                        delivery.hubMessageId(),
                        responder,
                        "transient-error",
                        "the recipient asked for it again later" + PushAnswers.detail(bundle, header));
                yield "left in your mailbox to be tried again: delivery " + delivery.deliveryId();
            }
            default -> {
                if (mailboxes.remove(responder, delivery.deliveryId())) {
                    deadLettering.deadLetter(
                            delivery,
                            DeadLetter.Cause.REFUSED,
                            responder + " answered fatal-error" + PushAnswers.detail(bundle, header));
                }
                yield "dead-lettered: delivery " + delivery.deliveryId() + " and its sender told";
            }
        };
        return new AcceptedMessage(
                delivery.deliveryId(),
                now,
                null,
                answer(header, answered, outcome, now).response());
    }

    /** Ids the responder may mean: the delivery id itself, or the sender's MessageHeader id from any participant. */
    private Set<String> candidates(String answered, OdsCode responder) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(answered);
        for (Participant sender : participants.all()) {
            ids.add(DispatchPlanner.deliveryId(hubMessageId(sender.ods(), answered), responder));
        }
        return ids;
    }

    /** HAPI reads an entry's MessageHeader id as its {@code urn:uuid:} fullUrl; the logical id is what was sent. */
    static String withoutUrnPrefix(String id) {
        return id.startsWith("urn:uuid:") ? id.substring("urn:uuid:".length()) : id;
    }

    /** The hub message id of a sender's message, derived as intake derives it. */
    public static String hubMessageId(OdsCode sender, String senderHeaderId) {
        return UUID.nameUUIDFromBytes((sender.value() + "|" + senderHeaderId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static AcceptedMessage answer(MessageHeader theirs, String answered, String outcome, Instant now) {
        String id = UUID.randomUUID().toString();
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setId(id);
        bundle.setIdentifier(
                new Identifier().setSystem(MessageBundles.HUB_MESSAGE_ID_SYSTEM).setValue(id));
        bundle.setTimestamp(Date.from(now));
        MessageHeader header = new MessageHeader();
        header.setId(id);
        header.setEvent(theirs.getEvent() == null ? null : theirs.getEvent().copy());
        header.getSource().setName("Vanguard Hub").setEndpoint(MessageBundles.HUB_SOURCE);
        String theirId = theirs.getIdElement().getIdPart();
        header.getResponse().setIdentifier(theirId == null ? answered : theirId).setCode(MessageHeader.ResponseType.OK);
        header.setReason(new CodeableConcept().setText(outcome));
        bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(header);
        return new AcceptedMessage(id, now, null, bundle);
    }
}
