package org.vanguard.hub.broker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.vanguard.routes.RouteJms;

/**
 * The state of the hub's queues, read from the broker the node uses: the embedded one's queue objects in memory, or
 * an external broker's management address ({@link ManagedBrokerQueues}) when the node runs with
 * {@code spring.artemis.mode=native} as a node of a cluster.
 */
public interface BrokerQueues {

    /** A durable anycast queue of its own name, on an address of the same name: each of the hub's queues. */
    static QueueConfiguration anycast(String name) {
        return QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }

    /**
     * The queue on the dead-letter address that holds {@code address}'s dead letters, named and filtered as Artemis
     * names and filters the one it makes on the first dead letter ({@code auto-create-dead-letter-resources}), durable
     * and anycast (as an external broker's {@code hub.#} settings make them). Made ahead for a queue whose dead letters
     * the hub sends itself, by its fully qualified name
     * ({@link RouteJms#deadLetterQueueFqqn}).
     */
    static QueueConfiguration deadLetterQueue(String address) {
        return QueueConfiguration.of(RouteJms.deadLetterQueue(address))
                .setAddress(RouteJms.DEAD_LETTER_ADDRESS)
                .setRoutingType(RoutingType.ANYCAST)
                .setFilterString(RouteJms.ORIGINAL_ADDRESS + " = '" + address + "'")
                .setDurable(true);
    }

    /** One queue's state; {@code oldestQueuedAt} is when the first message waiting was put on the queue. */
    record QueueState(QueueDepths.Depth depth, Optional<Instant> oldestQueuedAt) {}

    /** The queue's state, empty when the broker has no such queue (yet) or cannot be asked. */
    Optional<QueueState> queue(String name);

    /**
     * Messages on every queue bound to {@code address} together (the broker's own count for the address, deliveries in
     * progress included): 0 when the broker has no such address (yet), empty when it cannot be asked. A dead-letter
     * address, for one, has a queue per address its letters came from ({@code DLQ.<address>}).
     */
    Optional<Long> waitingOnAddress(String address);

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
