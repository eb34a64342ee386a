package org.vanguard.routes.intake;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What waits between intake and dispatch: the intake queue as the broker holding it sees it, and each sender's share of
 * it as every node of the hub recorded it.
 */
public interface IntakeBacklog {

    /** Messages accepted and not yet dispatched (waiting, being delivered or scheduled for redelivery). */
    long depth();

    /** When the oldest waiting message was put on the queue, if any waits. */
    Optional<Instant> oldestQueuedAt();

    /**
     * How many messages each sender has accepted and not yet dispatched, whichever node accepted or dispatches them,
     * counting those accepted since {@code since}; senders with none are left out.
     */
    Map<String, Long> waitingBySender(Instant since);
}
