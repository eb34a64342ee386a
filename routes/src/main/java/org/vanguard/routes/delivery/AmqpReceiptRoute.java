package org.vanguard.routes.delivery;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
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
 *   <li>a receipt that failed because the database is away (or a transient error, {@link #transientFailure}) fails the
 *       batch: the JMS transaction rolls back and every receipt of it comes again. Recording is idempotent (the ledger
 *       once per delivery, the audit once per delivery and way), so those already committed are not recorded twice.
 *       The broker never gives up on a receipt (unlimited attempts): it waits for the database;</li>
 *   <li>a receipt that names no delivery, or whose recording fails for any other reason, would fail on every attempt:
 *       it goes to the broker's dead-letter address, queue {@code DLQ.hub.receipts.amqp}, where the broker's
 *       dead-letter gauge ({@code hub_broker_dead_depth}) shows it to an operator, with why in property
 *       {@value #DEAD_REASON}; the rest of its batch is recorded.</li>
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
                .to("jms:topic:" + RouteJms.DEAD_LETTER_ADDRESS)
                .id("receipts.amqp.dead")
                .end();
    }

    /**
     * Records a batch of receipts in one database transaction.
     *
     * @return the receipts that can never be recorded, to go to the dead-letter address
     * @throws RuntimeException a transient failure of any receipt (or of the commit): the batch rolls back, to come again
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
            } catch (RuntimeException unreadable) {
                dead.add(giveUp(receipt, "names no delivery: " + unreadable));
            }
        }
        List<GroupedTransactions.Outcome<Boolean>> outcomes = transactions.executeEach(work);
        for (int i = 0; i < outcomes.size(); i++) {
            GroupedTransactions.Outcome<Boolean> outcome = outcomes.get(i);
            if (outcome.failed()) {
                if (transientFailure(outcome.cause())) {
                    throw outcome.cause();
                }
                dead.add(giveUp(working.get(i), "could not be recorded: " + outcome.cause()));
            }
        }
        return dead;
    }

    /**
     * Whether a failure may pass if tried again: the database away or busy (a connection refused or lost, a time-out, a
     * deadlock, a serialisation failure), or a transaction that could not begin or commit.
     */
    static boolean transientFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
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
                        throw new IllegalArgumentException(e);
                    }
                },
                "");
    }

    /** Only the broker plugin writes receipts: one that can never be recorded is a fault of the hub's own. */
    private static DeadReceipt giveUp(Message receipt, String reason) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Enumeration<?> names = receipt.getPropertyNames(); names.hasMoreElements(); ) {
            String name = String.valueOf(names.nextElement());
            if (!name.startsWith("JMS") && !name.startsWith("_") && !name.startsWith("__")) {
                properties.put(name, receipt.getObjectProperty(name));
            }
        }
        log.error("An AMQP receipt goes to the dead-letter address: it {} (properties {})", reason, properties);
        return new DeadReceipt(properties, reason);
    }
}
