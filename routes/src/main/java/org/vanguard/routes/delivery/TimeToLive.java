package org.vanguard.routes.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A delivery's time to live, measured from the hub's acceptance of the message: the moment the sender was
 * told it could forget the message is the moment the hub's promise to deliver starts to run.
 */
public final class TimeToLive {

    private final Duration timeToLive;
    private final Clock clock;

    public TimeToLive(Duration timeToLive, Clock clock) {
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    public boolean expired(Instant acceptedAt) {
        return !clock.instant().isBefore(acceptedAt.plus(timeToLive));
    }

    public Duration duration() {
        return timeToLive;
    }
}
