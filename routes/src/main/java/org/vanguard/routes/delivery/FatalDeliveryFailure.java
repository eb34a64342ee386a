package org.vanguard.routes.delivery;

/** The recipient refused the delivery for good (4xx, {@code fatal-error}): retrying cannot help. */
public final class FatalDeliveryFailure extends RuntimeException {

    public FatalDeliveryFailure(String message) {
        super(message, null, false, false);
    }
}
