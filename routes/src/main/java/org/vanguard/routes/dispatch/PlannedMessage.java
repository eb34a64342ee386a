package org.vanguard.routes.dispatch;

import java.util.List;

/**
 * What dispatch planned for one message of a batch: its deliveries, committed decisions and audit behind them, or the
 * failure that stopped it (its database work rolled back to its own savepoint), in which case the message is set
 * aside to be dispatched alone.
 */
public record PlannedMessage(IntakeMessage message, List<Delivery> deliveries, RuntimeException failure) {

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
}
