package org.vanguard.hub.broker;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What waits in the hub's queues, read from the broker ({@link BrokerQueues}): for an operator watching a backlog
 * drain, and for tests that must know dispatch has finished (nothing waiting, nothing mid-delivery, nothing scheduled
 * for redelivery).
 */
@Service
public class QueueDepths {

    private final BrokerQueues queues;

    public QueueDepths(BrokerQueues queues) {
        this.queues = queues;
    }

    /**
     * One queue's state. {@code waiting} includes those scheduled for a later redelivery and those being
     * delivered; {@code added} counts every message ever routed to the queue since the broker started.
     */
    public record Depth(String queue, long waiting, int delivering, int scheduled, long added, int consumers) {}

    /** Every hub queue ({@code hub.*}), by name. */
    public List<Depth> all() {
        return queues.all("hub.");
    }
}
