package org.vanguard.routes.dispatch;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.jms.DefaultJmsMessageListenerContainer;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Camel's JMS listener container, taking up to {@code batchSize} messages per local JMS transaction: the first as any
 * container does (waiting up to the receive timeout), then whatever the consumer already holds, without waiting. The
 * route runs once for the batch, on the first message's exchange, and reads the batch with {@link #current()}; every
 * message the route sends joins the same session, and one commit acknowledges the batch and sends its deliveries, or a
 * rollback returns all of it to the broker, which redelivers each.
 *
 * <p>A message whose own dispatch fails (its content, or the database refusing its records or audit) is the route's to
 * set aside ({@link DispatchRoute}), so it never costs the others of its batch an attempt. Only a failure of the batch
 * as a whole (the broker refusing a send, the database refusing the commit) rolls the batch back; its messages then
 * come back redelivered, and a batch that starts with a redelivered message is that message alone, so a failure that
 * follows one message ends up in a transaction of its own. A redelivered message met later ends its batch.
 */
public final class DispatchBatchContainer extends DefaultJmsMessageListenerContainer {

    private static final ThreadLocal<List<Message>> BATCH = new ThreadLocal<>();

    private final int batchSize;

    public DispatchBatchContainer(JmsEndpoint endpoint, int batchSize) {
        super(endpoint);
        this.batchSize = batchSize;
    }

    /** The factory the dispatch and AMQP receipt routes' endpoints name ({@code consumerType=Custom}). */
    public static MessageListenerContainerFactory factory(int batchSize) {
        return new MessageListenerContainerFactory() {
            @Override
            public AbstractMessageListenerContainer createMessageListenerContainer(JmsEndpoint endpoint) {
                return new DispatchBatchContainer(endpoint, batchSize);
            }
        };
    }

    /** The batch the route is running for on this thread, in the order received; the first is the exchange's message. */
    public static List<Message> current() {
        List<Message> batch = BATCH.get();
        if (batch == null) {
            throw new IllegalStateException(
                    "no dispatch batch on this thread: the route runs only from DispatchBatchContainer");
        }
        return batch;
    }

    @Override
    protected boolean doReceiveAndExecute(
            Object invoker,
            @Nullable Session session,
            @Nullable MessageConsumer consumer,
            @Nullable TransactionStatus status)
            throws JMSException {
        if (session == null || consumer == null || status != null || !session.getTransacted()) {
            return super.doReceiveAndExecute(invoker, session, consumer, status);
        }
        Message first = receiveMessage(consumer);
        if (first == null) {
            noMessageReceived(invoker, session);
            return false;
        }
        List<Message> batch = new ArrayList<>(batchSize);
        batch.add(first);
        if (!first.getJMSRedelivered()) {
            for (Message next; batch.size() < batchSize && (next = consumer.receiveNoWait()) != null; ) {
                batch.add(next);
                if (next.getJMSRedelivered()) {
                    break;
                }
            }
        }
        messageReceived(invoker, session);
        if (!isAcceptMessagesWhileStopping() && !isRunning()) {
            rollbackIfNecessary(session);
            return true;
        }
        boolean exposed = !TransactionSynchronizationManager.hasResource(obtainConnectionFactory());
        if (exposed) {
            TransactionSynchronizationManager.bindResource(obtainConnectionFactory(), new JmsResourceHolder(session));
        }
        BATCH.set(List.copyOf(batch));
        try {
            invokeListener(session, first);
        } catch (JMSException | RuntimeException | Error failed) {
            unbind(exposed);
            rollbackOnExceptionIfNecessary(session, failed);
            throw failed;
        }
        unbind(exposed);
        commitIfNecessary(session, first);
        return true;
    }

    private void unbind(boolean exposed) {
        BATCH.remove();
        if (exposed) {
            TransactionSynchronizationManager.unbindResource(obtainConnectionFactory());
        }
    }
}
