package org.vanguard.hub.broker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of the hub's queues, read from the broker the node uses: the embedded one's queue objects in memory, or
 * an external broker's management address ({@link ManagedBrokerQueues}) when the node runs with
 * {@code spring.artemis.mode=native} as a node of a cluster.
 */
public interface BrokerQueues {

    /** One queue's state; {@code oldestQueuedAt} is when the first message waiting was put on the queue. */
    record QueueState(QueueDepths.Depth depth, Optional<Instant> oldestQueuedAt) {}

    /** The queue's state, empty when the broker has no such queue (yet) or cannot be asked. */
    Optional<QueueState> queue(String name);

    /** Every queue whose name starts with {@code prefix}, by name. */
    List<QueueDepths.Depth> all(String prefix);

    /**
     * Removes, durably, the messages waiting on the queue that the filter (a JMS selector) matches, whatever consumers
     * and message groups the queue has; a message a consumer holds at that moment is not waiting and stays. The broker's
     * own removal by filter (its queue management), not a consumer.
     *
     * @return how many were removed (0 when none waited)
     * @throws IllegalStateException when the broker does not answer or refuses: whether anything was removed is then
     *     unknown
     */
    int remove(String queue, String filter);
}
