package org.vanguard.routes.delivery;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionCallback;
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
 * {@code hub.routes.dispatch-batch-size} per JMS transaction, without waiting for more): the batch's ledger rows and
 * audit records are one database transaction ({@link GroupedTransactions#executeEach}, a savepoint each), committed
 * before the JMS transaction. If any receipt cannot be recorded the batch rolls back and every receipt comes again,
 * a redelivered one in a batch of its own; recording is idempotent (the ledger once per delivery, the audit once per
 * delivery and way), so what had been recorded is not recorded twice. The broker never gives up on a receipt
 * (unlimited attempts): only the database being away makes one fail.
 */
public final class AmqpReceiptRoute extends RouteBuilder {

    /** The way a receipt over AMQP is recorded and audited as. */
    public static final String WAY = "amqp";

    private static final Logger log = LoggerFactory.getLogger(AmqpReceiptRoute.class);

    private final DeliveryLedger ledger;
    private final GroupedTransactions transactions;

    public AmqpReceiptRoute(DeliveryLedger ledger, GroupedTransactions transactions) {
        this.ledger = ledger;
        this.transactions = transactions;
    }

    @Override
    public void configure() {
        from("jms:queue:{{hub.routes.amqp-receipt-queue}}?transacted=true&disableReplyTo=true"
                        + "&consumerType=Custom&messageListenerContainerFactory=#" + DispatchRoute.BATCH_CONTAINERS)
                .routeId("receipts.amqp")
                .routeConfigurationId("broker-redelivery")
                .process(exchange -> record(DispatchBatchContainer.current()))
                .id("receipts.amqp.record");
    }

    /** Records a batch of receipts in one database transaction; throws, rolling the batch back, if any failed. */
    void record(List<Message> batch) {
        List<TransactionCallback<Boolean>> work = new ArrayList<>();
        for (Message receipt : batch) {
            WaitingDelivery delivery = read(receipt);
            if (delivery != null) {
                work.add(status -> ledger.record(delivery, WAY));
            }
        }
        for (GroupedTransactions.Outcome<Boolean> outcome : transactions.executeEach(work)) {
            if (outcome.failed()) {
                throw outcome.cause();
            }
        }
    }

    /** The delivery a receipt is of; null for one that names no delivery, which no attempt could ever record. */
    private static @Nullable WaitingDelivery read(Message receipt) {
        try {
            return WaitingDelivery.read(
                    name -> {
                        try {
                            return receipt.getObjectProperty(name);
                        } catch (JMSException e) {
                            throw new IllegalArgumentException(e);
                        }
                    },
                    "");
        } catch (RuntimeException unreadable) {
            // Only the broker plugin writes receipts: this is a fault of the hub's own, and the receipt is dropped.
            log.error("Dropped an AMQP receipt that names no delivery: {}", unreadable.toString());
            return null;
        }
    }
}
