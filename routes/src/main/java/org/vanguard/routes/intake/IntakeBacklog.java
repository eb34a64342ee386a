package org.vanguard.routes.intake;

import java.time.Instant;
import java.util.Optional;

/** What waits between intake and dispatch, as the broker holding the intake queue sees it. */
public interface IntakeBacklog {

    /** Messages accepted and not yet dispatched (waiting, being delivered or scheduled for redelivery). */
    long depth();

    /** When the oldest waiting message was put on the queue, if any waits. */
    Optional<Instant> oldestQueuedAt();
}
