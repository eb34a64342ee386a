package org.vanguard.hub.mailbox;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.JmsUtils;
import org.springframework.stereotype.Service;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.audit.Receipts;
import org.vanguard.hub.broker.BrokerQueues;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;
import org.vanguard.routes.delivery.DeliveryLedger;
import org.vanguard.routes.delivery.MailboxAccess;
import org.vanguard.routes.delivery.WaitingDelivery;
import org.vanguard.routes.dispatch.DeliveryDecisions;
import org.vanguard.routes.dispatch.DeliveryRecheck;

/**
 * Lists, reads and acknowledges deliveries on a participant's mailbox queue. Only ever the caller's own
 * queue: the ODS code comes from the caller's certificate, never from the request. A delivery is decided
 * again before it is shown or read, so what changed since dispatch (a Consent withdrawn, an objection, a
 * suspended agreement) applies to everything not yet collected.
 */
@Service
public class MailboxService implements DisposableBean, MailboxAccess {

    /** Most entries one listing returns; a participant acknowledges to see more. */
    public static final int PAGE = 500;

    /** A browse that finds nothing is asked again three times, 150 ms apart, before the delivery is absent. */
    private final RetryTemplate browseAgain = new RetryTemplate(RetryPolicy.builder()
            .maxRetries(3)
            .delay(Duration.ofMillis(150))
            .includes(NotShown.class)
            .build());

    private final JmsTemplate jms;
    private final CachingConnectionFactory sessions;
    private final BrokerQueues queues;

    private final RouteProperties routes;
    private final DeliveryRecheck recheck;
    private final DeliveryLedger ledger;
    private final Receipts receipts;

    public MailboxService(
            ConnectionFactory connectionFactory,
            RouteProperties routes,
            DeliveryRecheck recheck,
            DeliveryLedger ledger,
            Receipts receipts,
            BrokerQueues queues) {
        this.routes = routes;
        this.queues = queues;
        this.recheck = recheck;
        this.ledger = ledger;
        this.receipts = receipts;
        // Its own sessions, none of them holding a consumer: the service browses by delivery id, and a cached consumer
        // per
        // selector would stay open for ever.
        ConnectionFactory target = connectionFactory instanceof CachingConnectionFactory caching
                ? Objects.requireNonNull(caching.getTargetConnectionFactory(), "target")
                : connectionFactory;
        this.sessions = new CachingConnectionFactory(target);
        sessions.setCacheConsumers(false);
        this.jms = new JmsTemplate(sessions);
    }

    /** Closes the mailbox's own connection before the broker stops, so shutdown is quiet. */
    @Override
    public void destroy() {
        sessions.destroy();
    }

    /** What awaits the participant and may still leave; deliveries no longer permitted are withheld on the way. */
    public List<MailboxEntry> list(OdsCode participant) {
        List<Message> waiting = jms.browse(routes.mailboxQueue(participant.value()), (session, browser) -> {
            List<Message> found = new ArrayList<>();
            for (Object item : Collections.list(browser.getEnumeration())) {
                found.add((Message) item);
                if (found.size() >= PAGE) {
                    break;
                }
            }
            return found;
        });
        List<MailboxEntry> entries = new ArrayList<>();
        for (Message message : waiting == null ? List.<Message>of() : waiting) {
            MailboxEntry entry = entry(message);
            if (releasable(participant, message, entry)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** A delivered bundle exactly as stored, and the hub's detached JWS over those bytes. */
    public record Delivered(String bundle, String signature) {}

    /**
     * The delivery, decided again first; serving it is the recipient's receipt, audited before the bytes leave (once
     * per delivery: reading it again adds no record).
     */
    public Optional<Delivered> read(OdsCode participant, UUID deliveryId) {
        Message message = jms.browseSelected(
                routes.mailboxQueue(participant.value()), selector(deliveryId), (session, browser) -> {
                    var messages = browser.getEnumeration();
                    return messages.hasMoreElements() ? (Message) messages.nextElement() : null;
                });
        if (message == null || !releasable(participant, message, entry(message))) {
            return Optional.empty();
        }
        receipts.received(WaitingDelivery.read(name -> property(message, name), text(message)), "mailbox-read");
        return Optional.of(new Delivered(text(message), property(message, HubHeaders.SIGNATURE)));
    }

    /**
     * Decides the delivery again against today's agreements, Consent and objections; one that may no longer
     * leave is taken out of the mailbox (the re-decision is audited by the recheck).
     */
    private boolean releasable(OdsCode participant, Message message, MailboxEntry entry) {
        return withheld(participant, message, entry) == Recheck.RELEASABLE;
    }

    private enum Recheck {
        RELEASABLE,
        WITHHELD,
        IN_DELIVERY
    }

    /**
     * Decides the delivery again; one no longer permitted is taken out of the mailbox and only then audited as
     * withheld. One that a consumer holds at that moment (an AMQP consumer's prefetch, a push retrying) cannot be
     * taken out here: it is not shown, and not audited as withheld, since it may yet leave.
     */
    private Recheck withheld(OdsCode participant, Message message, MailboxEntry entry) {
        List<DecisionRequest> decided = DeliveryDecisions.read(name -> property(message, name));
        boolean[] removed = {false};
        boolean permitted = recheck.stillPermitted(
                entry.messageId(), decided, "when the recipient came to collect the delivery", () -> {
                    removed[0] = take(participant, selector(UUID.fromString(entry.id()))) != null;
                    return removed[0];
                });
        return permitted ? Recheck.RELEASABLE : removed[0] ? Recheck.WITHHELD : Recheck.IN_DELIVERY;
    }

    /**
     * Decides again every delivery waiting for the participant (only the patient's, when one is named) and takes
     * out those no longer permitted, auditing each; returns how many were withheld.
     */
    public int withdrawNoLongerPermitted(OdsCode participant, Optional<NhsNumber> patient) {
        String queue = routes.mailboxQueue(participant.value());
        String selector =
                patient.map(p -> HubHeaders.PATIENT + " = '" + p.value() + "'").orElse(null);
        List<Message> waiting = jms.browseSelected(
                queue,
                selector,
                (session, browser) -> Collections.list(browser.getEnumeration()).stream()
                        .map(Message.class::cast)
                        .toList());
        int withheld = 0;
        for (Message message : waiting == null ? List.<Message>of() : waiting) {
            if (withheld(participant, message, entry(message)) == Recheck.WITHHELD) {
                withheld++;
            }
        }
        return withheld;
    }

    /** Removes the delivery from the mailbox; false when there is no such delivery (already acknowledged). */
    public boolean acknowledge(OdsCode participant, UUID deliveryId) {
        Message taken = take(participant, selector(deliveryId));
        if (taken == null) {
            return false;
        }
        ledger.record(WaitingDelivery.read(name -> property(taken, name), text(taken)), "mailbox-ack");
        return true;
    }

    /** Only well-formed delivery ids reach the selector, so a responder's text can never change its meaning. */
    @Override
    public Optional<WaitingDelivery> find(OdsCode owner, Collection<String> deliveryIds) {
        List<String> ids = deliveryIds.stream().filter(MailboxService::isUuid).toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        String selector = HubHeaders.DELIVERY_ID + " IN ('" + String.join("','", ids) + "')";
        Message message = jms.browseSelected(routes.mailboxQueue(owner.value()), selector, (session, browser) -> {
            var messages = browser.getEnumeration();
            return messages.hasMoreElements() ? (Message) messages.nextElement() : null;
        });
        return message == null
                ? Optional.empty()
                : Optional.of(WaitingDelivery.read(name -> property(message, name), text(message)));
    }

    @Override
    public boolean remove(OdsCode owner, String deliveryId) {
        return isUuid(deliveryId) && take(owner, selector(UUID.fromString(deliveryId))) != null;
    }

    /**
     * Takes the one delivery the selector names out of the participant's mailbox; null when the mailbox does not hold
     * it (already acknowledged, or held by a consumer at this moment).
     *
     * <p>Read by a browse, then removed by the broker's own removal by filter ({@link BrokerQueues#remove}), not taken
     * by a consumer: mailbox messages are grouped by patient, and a selective consumer binds the patient's group, so
     * acknowledgements of one patient's deliveries made at once (several workers, on several nodes) passed each other
     * over and answered 404 for deliveries in plain sight. Of two acknowledgements of the same delivery at once, one
     * removes it and the other finds it gone.
     *
     * <p>A browse that finds nothing is asked again a few times before the delivery counts as absent: an Artemis
     * browser answers "no more" when its server-side scan is held up (the connection busy writing other answers) rather
     * than wait, which a mailbox acknowledged by several workers on two nodes at once showed as a 404 now and then for a
     * delivery just listed. A delivery that is really gone (acknowledged before) costs its 404 those few waits.
     */
    private @Nullable Message take(OdsCode participant, String selector) {
        String queue = routes.mailboxQueue(participant.value());
        Message shown;
        try {
            shown = browseAgain.execute(() -> {
                Message found = jms.browseSelected(queue, selector, (session, browser) -> {
                    var messages = browser.getEnumeration();
                    return messages.hasMoreElements() ? (Message) messages.nextElement() : null;
                });
                if (found == null) {
                    throw new NotShown();
                }
                return found;
            });
        } catch (RetryException absent) {
            if (!(absent.getCause() instanceof NotShown)) {
                throw new IllegalStateException("browsing " + queue + " failed", absent.getCause());
            }
            return null;
        }
        return queues.remove(queue, selector) > 0 ? shown : null;
    }

    /** A browse that found nothing: asked again (see {@link #take}). */
    private static final class NotShown extends RuntimeException {
        NotShown() {
            super("not shown by the browse", null, false, false);
        }
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String selector(UUID deliveryId) {
        return HubHeaders.DELIVERY_ID + " = '" + deliveryId + "'";
    }

    private static MailboxEntry entry(Message message) {
        return new MailboxEntry(
                property(message, HubHeaders.DELIVERY_ID),
                property(message, HubHeaders.MESSAGE_ID),
                property(message, HubHeaders.SENDER),
                property(message, HubHeaders.EVENT),
                property(message, HubHeaders.ACCEPTED_AT),
                property(message, HubHeaders.AGREEMENTS));
    }

    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException e) {
            throw JmsUtils.convertJmsAccessException(e);
        }
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw JmsUtils.convertJmsAccessException(e);
        }
    }
}
