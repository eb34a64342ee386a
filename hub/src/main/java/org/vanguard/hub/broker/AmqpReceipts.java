package org.vanguard.hub.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.springframework.transaction.support.TransactionCallback;
import org.vanguard.hub.audit.Receipts;
import org.vanguard.hub.audit.SerialWriter;
import org.vanguard.routes.delivery.WaitingDelivery;
import org.vanguard.routes.dispatch.GroupedTransactions;

/**
 * Records a receipt (audit, way {@code amqp}) when a participant acknowledges a delivery it consumed from its
 * mailbox over AMQP. The REST mailbox and the push route record their own receipts; this sees only consumers on
 * AMQP connections. The receipt is written after the acknowledgement commits, off the broker's thread (on a
 * single-thread Spring executor, shut down with the broker once the receipts handed to it are written), and is
 * idempotent per delivery, so a redelivered and re-acknowledged message is one receipt. A recipient takes its
 * deliveries as fast as dispatch makes them, so receipts waiting together are written in one transaction, committed
 * with the dispatchers' ({@link GroupedTransactions}), each under a savepoint of its own: one commit for many receipts
 * instead of one each.
 */
public final class AmqpReceipts implements ActiveMQServerMessagePlugin {

    private static final Logger log = LoggerFactory.getLogger(AmqpReceipts.class);

    /** Receipts written in one transaction at most: a group commit's savepoints ({@code GroupCommitTransactions}). */
    private static final int MAX_BATCH = 32;

    private final String mailboxPrefix;
    private final Supplier<Receipts> receipts;
    private final Supplier<GroupedTransactions> transactions;
    private final Queue<WaitingDelivery> pending = new ConcurrentLinkedQueue<>();
    private final SerialWriter writer = new SerialWriter("amqp-receipts", this::writePending, () -> !pending.isEmpty());
    private volatile @Nullable ActiveMQServer server;

    public AmqpReceipts(String mailboxPrefix, Supplier<Receipts> receipts, Supplier<GroupedTransactions> transactions) {
        this.mailboxPrefix = mailboxPrefix;
        this.receipts = receipts;
        this.transactions = transactions;
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
    public void messageAcknowledged(
            Transaction tx, MessageReference reference, AckReason reason, ServerConsumer consumer) {
        if (reason != AckReason.NORMAL
                || consumer == null
                || !overAmqp(consumer)
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
        Runnable record = () -> {
            pending.add(delivery);
            writer.start();
        };
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

    /** Writes what is waiting, in batches, until nothing is. */
    private void writePending() {
        List<WaitingDelivery> batch = new ArrayList<>(MAX_BATCH);
        for (WaitingDelivery next = pending.poll(); next != null; next = pending.poll()) {
            batch.add(next);
            if (batch.size() == MAX_BATCH || pending.isEmpty()) {
                write(batch);
                batch.clear();
            }
        }
    }

    private void write(List<WaitingDelivery> batch) {
        List<TransactionCallback<Boolean>> work = batch.stream()
                .<TransactionCallback<Boolean>>map(
                        delivery -> status -> receipts.get().received(delivery, "amqp"))
                .toList();
        try {
            List<GroupedTransactions.Outcome<Boolean>> outcomes =
                    transactions.get().executeEach(work);
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i).failed()) {
                    log.warn(
                            "Could not record the AMQP receipt of delivery {}: {}",
                            batch.get(i).deliveryId(),
                            outcomes.get(i).cause().toString());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not record the AMQP receipts of {} deliveries: {}", batch.size(), e.toString());
        }
    }

    private boolean overAmqp(ServerConsumer consumer) {
        ServerSession session = server == null ? null : server.getSessionByID(consumer.getSessionID());
        return session != null
                && "AMQP".equalsIgnoreCase(session.getRemotingConnection().getProtocolName());
    }
}
