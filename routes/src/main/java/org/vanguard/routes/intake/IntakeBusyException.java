package org.vanguard.routes.intake;

import java.time.Duration;
import java.util.Objects;

/**
 * A message refused because the hub is at its intake bound ({@link Kind#BUSY}, 503) or because its sender has
 * more waiting than its share while the hub is busy ({@link Kind#OVER_SHARE}, 429). Not a fault of the message:
 * the same message sent again after {@link #retryAfter()} is accepted once the backlog has drained.
 */
public final class IntakeBusyException extends RuntimeException {

    /** Why the message was refused. */
    public enum Kind {
        /** The backlog for dispatch is at its bound: every sender waits. */
        BUSY,
        /** The hub is busy and this sender already has more than its share waiting. */
        OVER_SHARE
    }

    private final Kind kind;
    private final Duration retryAfter;

    public IntakeBusyException(Kind kind, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** The sentence the sender reads; every refusal gives one. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for a {@code Retry-After} header, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
