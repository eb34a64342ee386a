package org.vanguard.hub.broker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.impl.AckReason;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.core.transaction.TransactionOperationAbstract;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vanguard.hub.audit.Receipts;
import org.vanguard.routes.delivery.WaitingDelivery;

/**
 * Records a receipt (audit, way {@code amqp}) when a participant acknowledges a delivery it consumed from its
 * mailbox over AMQP. The REST mailbox and the push route record their own receipts; this sees only consumers on
 * AMQP connections. The receipt is written after the acknowledgement commits, off the broker's thread, and is
 * idempotent per delivery, so a redelivered and re-acknowledged message is one receipt.
 */
public final class AmqpReceipts implements ActiveMQServerMessagePlugin {

    private static final Logger log = LoggerFactory.getLogger(AmqpReceipts.class);

    private final String mailboxPrefix;
    private final Supplier<Receipts> receipts;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "amqp-receipts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile @Nullable ActiveMQServer server;

    public AmqpReceipts(String mailboxPrefix, Supplier<Receipts> receipts) {
        this.mailboxPrefix = mailboxPrefix;
        this.receipts = receipts;
    }

    @Override
    public void registered(ActiveMQServer server) {
        this.server = server;
    }

    @Override
    public void unregistered(ActiveMQServer server) {
        writer.shutdown();
    }

    @Override
    public void messageAcknowledged(Transaction tx, MessageReference reference, AckReason reason, ServerConsumer consumer) {
        if (reason != AckReason.NORMAL || consumer == null || !overAmqp(consumer)
                || !reference.getQueue().getName().toString().startsWith(mailboxPrefix)) {
            return;
        }
        Message message = reference.getMessage();
        WaitingDelivery delivery;
        try {
            delivery = WaitingDelivery.read(name -> message.getObjectProperty(name), "");
        } catch (RuntimeException notADelivery) {
            return;
        }
        Runnable record = () -> writer.execute(() -> {
            try {
                receipts.get().received(delivery, "amqp");
            } catch (RuntimeException e) {
                log.warn("Could not record the AMQP receipt of delivery {}: {}", delivery.deliveryId(), e.toString());
            }
        });
        if (tx == null) {
            record.run();
        } else {
            tx.addOperation(new TransactionOperationAbstract() {
                @Override
                public void afterCommit(Transaction committed) {
                    record.run();
                }
            });
        }
    }

    private boolean overAmqp(ServerConsumer consumer) {
        ServerSession session = server == null ? null : server.getSessionByID(consumer.getSessionID());
        return session != null && "AMQP".equalsIgnoreCase(session.getRemotingConnection().getProtocolName());
    }
}
