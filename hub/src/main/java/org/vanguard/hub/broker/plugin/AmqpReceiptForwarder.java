package org.vanguard.hub.broker.plugin;

import java.util.Map;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.impl.AckReason;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a participant acknowledges a delivery it consumed from its mailbox over AMQP, puts a receipt on the receipts
 * queue ({@value #DEFAULT_RECEIPTS_QUEUE}): a durable core message carrying the delivery's {@code hub*} properties
 * (its id, message, recipient, agreements...), which a hub node takes and audits (way {@code amqp}). The receipt is
 * sent in the acknowledgement's own broker transaction, so it exists exactly when the acknowledgement does: a crash
 * of the broker between the two loses neither, and a node that is down meanwhile audits it when it comes back. A
 * redelivered and re-acknowledged delivery gives a second receipt message, which the hub's idempotent receipt turns
 * into nothing.
 *
 * <p>The same class serves the hub's embedded broker and an external broker of a cluster, which loads it from the
 * hub's broker plugin jar ({@code broker-plugins} in broker.xml; properties {@code mailbox-prefix} and
 * {@code receipts-queue}). The REST mailbox and the push route record their own receipts; this sees only
 * consumers on AMQP connections.
 */
public final class AmqpReceiptForwarder implements ActiveMQServerPlugin {

    /** Where receipts wait for a hub node (the hub's {@code hub.routes.amqp-receipt-queue}). */
    public static final String DEFAULT_RECEIPTS_QUEUE = "hub.receipts.amqp";

    /** The properties carried from a delivery to its receipt: the hub's own. */
    private static final String HUB_PROPERTY_PREFIX = "hub";

    private static final Logger log = LoggerFactory.getLogger(AmqpReceiptForwarder.class);

    private volatile String mailboxPrefix;
    private volatile String receiptsQueue;
    private volatile @Nullable ActiveMQServer server;

    /** For a broker's XML configuration: the hub's default queue names until {@link #init} says otherwise. */
    public AmqpReceiptForwarder() {
        this(ParticipantPermissions.DEFAULTS.mailboxPrefix(), DEFAULT_RECEIPTS_QUEUE);
    }

    public AmqpReceiptForwarder(String mailboxPrefix, String receiptsQueue) {
        this.mailboxPrefix = mailboxPrefix;
        this.receiptsQueue = receiptsQueue;
    }

    @Override
    public void init(Map<String, String> properties) {
        mailboxPrefix = ParticipantPermissions.from(properties).mailboxPrefix();
        receiptsQueue = properties.getOrDefault("receipts-queue", DEFAULT_RECEIPTS_QUEUE);
    }

    @Override
    public void registered(ActiveMQServer server) {
        this.server = server;
    }

    @Override
    public void messageAcknowledged(
            @Nullable Transaction tx, MessageReference reference, AckReason reason, @Nullable ServerConsumer consumer) {
        ActiveMQServer broker = server;
        if (broker == null
                || reason != AckReason.NORMAL
                || consumer == null
                || !reference.getQueue().getName().toString().startsWith(mailboxPrefix)
                || !overAmqp(broker, consumer)) {
            return;
        }
        Message delivery = reference.getMessage();
        CoreMessage receipt = new CoreMessage(broker.getStorageManager().generateID(), 512);
        receipt.setAddress(receiptsQueue);
        receipt.setRoutingType(RoutingType.ANYCAST);
        receipt.setDurable(true);
        for (var name : delivery.getPropertyNames()) {
            String key = name.toString();
            Object value = delivery.getObjectProperty(key);
            if (key.startsWith(HUB_PROPERTY_PREFIX) && value != null) {
                receipt.putStringProperty(key, value.toString());
            }
        }
        try {
            RoutingStatus routed = tx == null
                    ? broker.getPostOffice().route(receipt, false)
                    : broker.getPostOffice().route(receipt, tx, false);
            if (routed != RoutingStatus.OK) {
                // The broker's configuration lacks the queue (deploy/cluster makes it in broker.xml): an operator's
                // fault the audit pays for, so an error.
                log.error(
                        "The AMQP receipt of delivery {} found no queue {} ({}): the receipt is lost; create the queue",
                        delivery.getObjectProperty("hubDeliveryId"),
                        receiptsQueue,
                        routed);
            }
        } catch (Exception e) {
            // The acknowledgement stands (the participant has the delivery); only its receipt is missing.
            log.error(
                    "Could not queue the AMQP receipt of delivery {} on {}: {}",
                    delivery.getObjectProperty("hubDeliveryId"),
                    receiptsQueue,
                    e.toString());
        }
    }

    private static boolean overAmqp(ActiveMQServer broker, ServerConsumer consumer) {
        ServerSession session = broker.getSessionByID(consumer.getSessionID());
        return session != null
                && "AMQP".equalsIgnoreCase(session.getRemotingConnection().getProtocolName());
    }
}
