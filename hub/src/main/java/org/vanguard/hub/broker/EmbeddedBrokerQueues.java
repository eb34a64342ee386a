package org.vanguard.hub.broker;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** The embedded broker's queues, read from its queue objects: in-memory reads, cheap enough for every message. */
final class EmbeddedBrokerQueues implements BrokerQueues {

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
