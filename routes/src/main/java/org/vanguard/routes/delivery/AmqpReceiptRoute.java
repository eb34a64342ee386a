package org.vanguard.routes.delivery;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionCallback;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteJms;
import org.vanguard.routes.dispatch.DispatchBatchContainer;
import org.vanguard.routes.dispatch.DispatchRoute;
import org.vanguard.routes.dispatch.GroupedTransactions;

/**
 * Records the receipts the broker queues when a participant acknowledges a delivery over AMQP (the broker plugin
 * {@code AmqpReceiptForwarder} puts one on {@code hub.routes.amqp-receipt-queue} in the acknowledgement's own
 * transaction), on whichever hub node takes them: the delivery goes into the {@link DeliveryLedger} (so a replay never
 * sends it again) and its receipt into the audit, way {@value #WAY}.
 *
 * <p>Receipts are taken in batches, as dispatch takes the intake ({@link DispatchBatchContainer}: up to
 * {@code hub.routes.dispatch-batch-size} per JMS transaction, without waiting for more). The batch's ledger rows and
 * audit records are one database transaction ({@link GroupedTransactions#executeEach}), a savepoint each, so a receipt
 * that fails is rolled back alone and the others commit. Then, in the batch's JMS transaction:
 * <ul>
 *   <li>a receipt that names no delivery, or that the database refuses for what it holds ({@link #permanentFailure}:
 *       a value it cannot store), would fail on every attempt: it goes to the broker's dead-letter address, to queue
 *       {@code DLQ.hub.receipts.amqp} by its fully qualified name (made at start; a send the broker cannot route fails
 *       the batch rather than dropping it), with why in property {@value #DEAD_REASON}, where the broker's
 *       dead-letter gauge ({@code hub_broker_dead_depth}) shows it to an operator. The rest of its batch is
 *       recorded;</li>
 *   <li>any other failure (the database away or read-only while it fails over, a time-out, a lock, a commit that
 *       fails, or anything not recognised) fails the batch: the JMS transaction rolls back and every receipt of it
 *       comes again. Recording is idempotent (the ledger once per delivery, the audit once per delivery and way), so
 *       those already committed are not recorded twice. The broker never gives up on a receipt (unlimited attempts),
 *       so a receipt waits out an outage rather than being given up on in it.</li>
 * </ul>
 */
public final class AmqpReceiptRoute extends RouteBuilder {

    /** The way a receipt over AMQP is recorded and audited as. */
    public static final String WAY = "amqp";

    /** Property of a receipt sent to the dead-letter address: why it could not be recorded. */
    public static final String DEAD_REASON = "hubDeadReason";

    private static final Logger log = LoggerFactory.getLogger(AmqpReceiptRoute.class);

    private final DeliveryLedger ledger;
    private final GroupedTransactions transactions;

    public AmqpReceiptRoute(DeliveryLedger ledger, GroupedTransactions transactions) {
        this.ledger = ledger;
        this.transactions = transactions;
    }

    /** A receipt that can never be recorded: its properties and why. */
    record DeadReceipt(Map<String, Object> properties, String reason) {}

    @Override
    public void configure() throws Exception {
        String receipts = getContext().resolvePropertyPlaceholders("{{hub.routes.amqp-receipt-queue}}");
        from("jms:queue:" + receipts + "?transacted=true&disableReplyTo=true"
                        + "&consumerType=Custom&messageListenerContainerFactory=#" + DispatchRoute.BATCH_CONTAINERS)
                .routeId("receipts.amqp")
                .routeConfigurationId("broker-redelivery")
                .process(exchange -> exchange.getMessage().setBody(record(DispatchBatchContainer.current())))
                .id("receipts.amqp.record")
                .split(body())
                .stopOnException()
                .process(exchange -> {
                    DeadReceipt dead = exchange.getMessage().getMandatoryBody(DeadReceipt.class);
                    exchange.getMessage().setHeaders(new LinkedHashMap<>(dead.properties()));
                    exchange.getMessage().setHeader(DEAD_REASON, dead.reason());
                    exchange.getMessage().setHeader(RouteJms.ORIGINAL_ADDRESS, receipts);
                    exchange.getMessage().setBody("");
                })
                .id("receipts.amqp.dead-letter")
                .to("jms:queue:" + RouteJms.deadLetterQueueFqqn(receipts))
                .id("receipts.amqp.dead")
                .end();
    }

    /**
     * Records a batch of receipts in one database transaction.
     *
     * @return the receipts that can never be recorded, to go to the dead-letter address
     * @throws RuntimeException any other failure of a receipt (or of the commit): the batch rolls back, to come again
     */
    List<DeadReceipt> record(List<Message> batch) throws JMSException {
        List<DeadReceipt> dead = new ArrayList<>();
        List<TransactionCallback<Boolean>> work = new ArrayList<>();
        List<Message> working = new ArrayList<>();
        for (Message receipt : batch) {
            try {
                WaitingDelivery delivery = read(receipt);
                work.add(status -> ledger.record(delivery, WAY));
                working.add(receipt);
            } catch (JMSRuntimeException brokerFailure) {
                throw brokerFailure;
            } catch (RuntimeException unreadable) {
                dead.add(giveUp(receipt, "names no delivery: " + unreadable));
            }
        }
        List<GroupedTransactions.Outcome<Boolean>> outcomes = transactions.executeEach(work);
        for (int i = 0; i < outcomes.size(); i++) {
            GroupedTransactions.Outcome<Boolean> outcome = outcomes.get(i);
            if (outcome.failed()) {
                if (!permanentFailure(outcome.cause())) {
                    throw outcome.cause();
                }
                dead.add(giveUp(working.get(i), "could not be recorded: " + outcome.cause()));
            }
        }
        // Said only once the batch is going ahead: a batch rolled back gives nothing up.
        for (DeadReceipt receipt : dead) {
            log.error(
                    "An AMQP receipt goes to the dead-letter address (delivery {}, message {}, recipient {}): it {}",
                    receipt.properties().get(HubHeaders.DELIVERY_ID),
                    receipt.properties().get(HubHeaders.MESSAGE_ID),
                    receipt.properties().get(HubHeaders.RECIPIENT),
                    receipt.reason());
        }
        return dead;
    }

    /**
     * Whether a receipt failed for what it holds, so that no attempt could record it: a value the database refuses to
     * store (too long, out of range, a constraint), or one the hub cannot read. Anything else is tried again.
     */
    static boolean permanentFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataIntegrityViolationException || cause instanceof IllegalArgumentException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static WaitingDelivery read(Message receipt) {
        return WaitingDelivery.read(
                name -> {
                    try {
                        return receipt.getObjectProperty(name);
                    } catch (JMSException e) {
                        // The broker's failure, not the receipt's: tried again (rethrown by record).
                        throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
                    }
                },
                "");
    }

    /** Only the broker plugin writes receipts: one that can never be recorded is a fault of the hub's own. */
    private static DeadReceipt giveUp(Message receipt, String reason) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Enumeration<?> names = receipt.getPropertyNames(); names.hasMoreElements(); ) {
            String name = String.valueOf(names.nextElement());
            if (!name.startsWith("JMS") && !name.startsWith("_")) {
                properties.put(name, receipt.getObjectProperty(name));
            }
        }
        return new DeadReceipt(properties, reason);
    }
}
