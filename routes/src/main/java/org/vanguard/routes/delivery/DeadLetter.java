package org.vanguard.routes.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery the hub gave up on, kept whole (bundle and broker properties) so that an operator can replay it.
 *
 * @param cause why: {@link Cause#EXPIRED} when its time to live ran out, {@link Cause#REFUSED} when the
 *     recipient answered that it will never accept it
 * @param reason the words an operator and the sender read
 */
public record DeadLetter(WaitingDelivery delivery, Cause cause, String reason, Instant deadAt) {

    /** The two ways a delivery ends up dead. */
    public enum Cause {
        EXPIRED,
        REFUSED
    }

    public DeadLetter {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(deadAt, "deadAt");
    }
}
