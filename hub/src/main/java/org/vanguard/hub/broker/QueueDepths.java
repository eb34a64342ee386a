package org.vanguard.hub.broker;

import java.util.Comparator;
import java.util.List;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.springframework.stereotype.Service;

/**
 * What waits in the hub's queues, read from the embedded broker: for an operator watching a backlog drain, and
 * for tests that must know dispatch has finished (nothing waiting, nothing mid-delivery, nothing scheduled for
 * redelivery).
 */
@Service
public class QueueDepths {

    private final EmbeddedActiveMQ broker;

    public QueueDepths(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    /**
     * One queue's state. {@code waiting} includes those scheduled for a later redelivery and those being
     * delivered; {@code added} counts every message ever routed to the queue since the broker started.
     */
    public record Depth(String queue, long waiting, int delivering, int scheduled, long added, int consumers) {
    }

    /** Every hub queue ({@code hub.*}), by name. */
    public List<Depth> all() {
        return broker.getActiveMQServer().getPostOffice().getAllBindings()
                .filter(QueueBinding.class::isInstance)
                .map(binding -> ((QueueBinding) binding).getQueue())
                .filter(queue -> queue.getName().toString().startsWith("hub."))
                .map(QueueDepths::depth)
                .sorted(Comparator.comparing(Depth::queue))
                .toList();
    }

    private static Depth depth(Queue queue) {
        return new Depth(queue.getName().toString(), queue.getMessageCount(), queue.getDeliveringCount(),
                queue.getScheduledCount(), queue.getMessagesAdded(), queue.getConsumerCount());
    }
}
