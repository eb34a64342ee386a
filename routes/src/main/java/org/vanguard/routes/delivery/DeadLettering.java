package org.vanguard.routes.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up on a delivery: keeps it whole in the dead-letter store, notes it in the delivery's history and
 * puts a non-delivery notice in the sender's mailbox. As the push route's dead-letter channel it decides
 * only what is really dead (refused, or its time to live run out); a push cut short for any other reason
 * (the hub stopping) is thrown back, so the JMS transaction rolls back and the delivery waits for the next start.
 */
public final class DeadLettering implements Processor {

    private static final Logger log = LoggerFactory.getLogger(DeadLettering.class);

    private final DeadLetters deadLetters;
    private final DeliveryLedger ledger;
    private final NonDeliveryNotices notices;
    private final MailboxDrop drop;
    private final TimeToLive timeToLive;
    private final Clock clock;

    public DeadLettering(
            DeadLetters deadLetters,
            DeliveryLedger ledger,
            NonDeliveryNotices notices,
            MailboxDrop drop,
            TimeToLive timeToLive,
            Clock clock) {
        this.deadLetters = deadLetters;
        this.ledger = ledger;
        this.notices = notices;
        this.drop = drop;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        WaitingDelivery delivery = WaitingDelivery.read(
                name -> exchange.getMessage().getHeader(name),
                exchange.getMessage().getBody(String.class));
        String why = failure == null
                ? "unknown failure"
                : Objects.requireNonNullElse(
                        failure.getMessage(), failure.getClass().getName());
        if (failure instanceof FatalDeliveryFailure) {
            deadLetter(delivery, DeadLetter.Cause.REFUSED, why);
        } else if (timeToLive.expired(delivery.acceptedAt())) {
            deadLetter(
                    delivery,
                    DeadLetter.Cause.EXPIRED,
                    "not delivered within its time to live of " + timeToLive.duration()
                            + " from acceptance; last attempt: " + why);
        } else {
            throw new IllegalStateException("push of delivery " + delivery.deliveryId()
                    + " stopped before its time to live ran out; it stays queued: " + why);
        }
    }

    /** Dead-letters a delivery and tells its sender. */
    public void deadLetter(WaitingDelivery delivery, DeadLetter.Cause cause, String reason) {
        Instant now = clock.instant();
        DeadLetter dead = new DeadLetter(delivery, cause, reason, now);
        deadLetters.record(dead);
        ledger.note(
                delivery.deliveryId(),
                delivery.hubMessageId(),
                delivery.recipient(),
                "dead-lettered",
                cause + ": " + reason);
        notices.about(dead, now).ifPresent(notice -> {
            drop.put(
                    notice.recipient(),
                    notice,
                    notice.deliveryId(),
                    delivery.patient() == null ? notice.deliveryId() : delivery.patient());
            ledger.note(
                    delivery.deliveryId(),
                    delivery.hubMessageId(),
                    delivery.recipient(),
                    "non-delivery-notice",
                    "notice " + notice.deliveryId() + " sent to " + notice.recipient());
        });
        log.warn(
                "Dead-lettered delivery {} of hub message {} to {} ({}): {}",
                delivery.deliveryId(),
                delivery.hubMessageId(),
                delivery.recipient(),
                cause,
                reason);
    }
}
