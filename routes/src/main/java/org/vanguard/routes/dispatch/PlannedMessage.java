package org.vanguard.routes.dispatch;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What dispatch planned for one message of a batch: its deliveries, committed decisions and audit behind them, or the
 * failure that stopped it (its database work rolled back to its own savepoint), in which case the message is set
 * aside to be dispatched alone.
 */
public record PlannedMessage(
        IntakeMessage message,
        List<Delivery> deliveries,
        @Nullable RuntimeException failure) {

    public PlannedMessage {
        deliveries = List.copyOf(deliveries);
    }

    static PlannedMessage planned(IntakeMessage message, List<Delivery> deliveries) {
        return new PlannedMessage(message, deliveries, null);
    }

    static PlannedMessage failed(IntakeMessage message, RuntimeException failure) {
        return new PlannedMessage(message, List.of(), failure);
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** Why the message's dispatch failed; only for a failed one. */
    public RuntimeException cause() {
        if (failure == null) {
            throw new IllegalStateException("message " + message.hubMessageId() + " was planned, not failed");
        }
        return failure;
    }
}
