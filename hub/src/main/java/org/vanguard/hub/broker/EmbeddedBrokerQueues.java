package org.vanguard.hub.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.filter.impl.FilterImpl;
import org.apache.activemq.artemis.core.postoffice.Bindings;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** The embedded broker's queues, read from its queue objects: in-memory reads, cheap enough for every message. */
final class EmbeddedBrokerQueues implements BrokerQueues {

    private static final Duration REMOVAL_SYNC = Duration.ofSeconds(30);

    private final EmbeddedActiveMQ broker;

    EmbeddedBrokerQueues(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    @Override
    public Optional<QueueState> queue(String name) {
        ActiveMQServer server = broker.getActiveMQServer();
        if (server == null || !server.isActive()) {
            return Optional.empty();
        }
        Queue queue = server.locateQueue(SimpleString.of(name));
        if (queue == null) {
            return Optional.empty();
        }
        MessageReference first = queue.peekFirstMessage();
        Optional<Instant> oldest = first == null
                        || first.getMessage() == null
                        || first.getMessage().getTimestamp() <= 0
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(first.getMessage().getTimestamp()));
        return Optional.of(new QueueState(depth(queue), oldest));
    }

    /** Summed over the address's queue bindings, as the address's own count would be, without the management lock. */
    @Override
    public Optional<Long> waitingOnAddress(String address) {
        ActiveMQServer server = broker.getActiveMQServer();
        if (server == null || !server.isActive()) {
            return Optional.empty();
        }
        try {
            Bindings bindings = server.getPostOffice().lookupBindingsForAddress(SimpleString.of(address));
            return Optional.of(
                    bindings == null
                            ? 0L
                            : bindings.getBindings().stream()
                                    .filter(QueueBinding.class::isInstance)
                                    .mapToLong(binding ->
                                            ((QueueBinding) binding).getQueue().getMessageCount())
                                    .sum());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public List<QueueDepths.Depth> all(String prefix) {
        ActiveMQServer server = broker.getActiveMQServer();
        if (server == null || !server.isActive()) {
            return List.of();
        }
        return server.getPostOffice()
                .getAllBindings()
                .filter(QueueBinding.class::isInstance)
                .map(binding -> ((QueueBinding) binding).getQueue())
                .filter(queue -> queue.getName().toString().startsWith(prefix))
                .map(EmbeddedBrokerQueues::depth)
                .sorted(Comparator.comparing(QueueDepths.Depth::queue))
                .toList();
    }

    @Override
    public int remove(String name, String filter) {
        ActiveMQServer server = broker.getActiveMQServer();
        Queue queue = server == null ? null : server.locateQueue(SimpleString.of(name));
        if (queue == null) {
            return 0;
        }
        try {
            int removed = queue.deleteMatchingReferences(FilterImpl.createFilter(filter));
            // The removal is journalled on this thread's operation context: wait until it is on disk.
            if (removed > 0 && !server.getStorageManager().waitOnOperations(REMOVAL_SYNC.toMillis())) {
                throw new IllegalStateException("the broker did not journal the removal of " + filter + " from " + name
                        + " within " + REMOVAL_SYNC.toSeconds() + " s");
            }
            return removed;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the broker could not remove " + filter + " from " + name, e);
        }
    }

    private static QueueDepths.Depth depth(Queue queue) {
        return new QueueDepths.Depth(
                queue.getName().toString(),
                queue.getMessageCount(),
                queue.getDeliveringCount(),
                queue.getScheduledCount(),
                queue.getMessagesAdded(),
                queue.getConsumerCount());
    }
}
