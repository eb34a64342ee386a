package org.vanguard.routes.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.message.HubEvent;
import org.vanguard.profiles.message.MessageBundles;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.consent.ConsentIntake;
import org.vanguard.routes.delivery.Acknowledgements;
import org.vanguard.routes.record.RecordKeeper;

/**
 * The front door of every intake channel. A message is checked completely before anything is queued, so
 * a refused message leaves no trace but its refusal; a message that passes is on the durable intake
 * queue before this method returns, so "accepted" survives a crash. Sending the same message again is safe:
 * it is one message, and the sender gets the same hub message id. A consent-update is not queued for anyone:
 * its Consent is kept in the database before the answer, and applies to every decision from then on.
 * A message carrying an older version of a record than the hub holds is refused (409) before queueing. A
 * recipient's response message (ok, transient-error, fatal-error) about a delivery is not a new message: it
 * settles that delivery ({@link Acknowledgements}). Past the intake's bound a new message is refused before
 * anything is done with it ({@link IntakeAdmission}, 503 or 429 with {@code Retry-After}).
 */
@Component
public class IntakeGateway {

    private static final Logger log = LoggerFactory.getLogger(IntakeGateway.class);

    /** The in-process hop into the intake route. */
    public static final String ACCEPT = "direct:intake.accept";

    private final ProducerTemplate producer;
    private final MessageFactsReader reader = new MessageFactsReader();
    private final ConsentIntake consents;
    private final RecordKeeper records;
    private final Clock clock;
    private final Acknowledgements acknowledgements;
    private final IntakeAdmission admission;
    private final FhirParsing parsing;
    private final IntakeObservations observations;
    private final IntakeKeys keys;

    public IntakeGateway(
            ProducerTemplate producer,
            ConsentIntake consents,
            RecordKeeper records,
            Clock clock,
            Acknowledgements acknowledgements,
            IntakeAdmission admission,
            FhirParsing parsing,
            ObjectProvider<IntakeObservations> observations,
            ObjectProvider<IntakeKeys> keys) {
        this.producer = producer;
        this.keys = keys.getIfAvailable(() -> IntakeKeys.NONE);
        this.parsing = parsing;
        this.observations = observations.getIfAvailable(() -> IntakeObservations.NONE);
        this.admission = admission;
        this.consents = consents;
        this.records = records;
        this.clock = clock;
        this.acknowledgements = acknowledgements;
    }

    /**
     * The hub's id for a message: derived from the sender and its own message id ({@code MessageHeader.id},
     * which FHIR messaging requires to be unique per message), so the same message sent twice gets the same
     * id and the same answer, and it is queued once ({@link IntakeKeys}, and the broker's duplicate detection for the
     * moment between queueing it and recording its key). A message without an
     * id of its own gets a random one and cannot be recognised when repeated.
     */
    static String hubMessageId(MessageFacts facts) {
        String own = facts.content().headerId();
        if (own == null || own.isBlank()) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes((facts.sender().value() + "|" + own).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Accepts a sender's message body.
     *
     * @param authenticatedSender the organisation named by the client certificate; the message may not
     *     claim to come from anyone else
     * @throws FhirInputException for every client mistake, with its located issues
     * @throws IntakeBusyException when the hub is at its intake bound or the sender over its share
     */
    public AcceptedMessage accept(byte[] body, String contentType, OdsCode authenticatedSender) {
        long started = System.nanoTime();
        try {
            AcceptedMessage accepted = checkAndQueue(body, contentType, authenticatedSender);
            if (accepted.facts() != null) {
                observations.accepted(
                        accepted.facts().content().event(), Duration.ofNanos(System.nanoTime() - started));
            }
            return accepted;
        } catch (FhirInputException e) {
            observations.refused(e.rejection(), Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    private AcceptedMessage checkAndQueue(byte[] body, String contentType, OdsCode authenticatedSender) {
        Resource resource = parsing.parse(body, contentType);
        if (Acknowledgements.isResponse(resource)) {
            return acknowledgements.accept(resource, authenticatedSender);
        }
        MessageFacts facts = reader.read(resource);
        if (!facts.sender().equals(authenticatedSender)) {
            throw new FhirInputException(
                    Rejection.FORBIDDEN,
                    InputIssue.invalid(
                            facts.content().sender().location(),
                            "the client certificate identifies " + authenticatedSender
                                    + "; it may not send a message as " + facts.sender()));
        }
        String hubMessageId = hubMessageId(facts);
        Instant acceptedAt = clock.instant();
        if (facts.content().event() == HubEvent.CONSENT_UPDATE) {
            consents.acceptFromMessage(facts);
            return new AcceptedMessage(
                    hubMessageId, acceptedAt, facts, MessageBundles.accepted(facts.content(), hubMessageId));
        }
        if (keys.known(hubMessageId)) {
            return new AcceptedMessage(
                    hubMessageId, acceptedAt, facts, MessageBundles.accepted(facts.content(), hubMessageId));
        }
        admission.admit(authenticatedSender);
        records.refuseStale(facts);
        Map<String, Object> headers = new HashMap<>();
        headers.put(HubHeaders.MESSAGE_ID, hubMessageId);
        headers.put(HubHeaders.SENDER, facts.sender().value());
        headers.put(HubHeaders.EVENT, facts.content().event().code());
        headers.put(HubHeaders.ACCEPTED_AT, acceptedAt.toString());
        headers.put(HubHeaders.GROUP, facts.patient().value());
        headers.put(HubHeaders.DUPLICATE_ID, "intake:" + hubMessageId);
        producer.sendBodyAndHeaders(ACCEPT, FhirParsing.acceptedJson(body, contentType, resource), headers);
        try {
            keys.remember(hubMessageId, facts.sender().value(), acceptedAt);
        } catch (RuntimeException e) {
            // The message is durable on the queue and "accepted" is the truth; a repeat meets duplicate detection.
            log.warn(
                    "Message {} is queued but its intake key could not" + " be recorded: {}",
                    hubMessageId,
                    e.toString());
        }
        // After its key: the admission's next count from the database has it, and forgets this node's own tally.
        admission.accepted(authenticatedSender.value());
        return new AcceptedMessage(
                hubMessageId, acceptedAt, facts, MessageBundles.accepted(facts.content(), hubMessageId));
    }
}
