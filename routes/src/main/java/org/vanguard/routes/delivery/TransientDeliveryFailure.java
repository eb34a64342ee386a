package org.vanguard.routes.delivery;

/** A push failed for a reason that may pass (no connection, 5xx, {@code transient-error}): try again later. */
public final class TransientDeliveryFailure extends RuntimeException {

    public TransientDeliveryFailure(String message) {
        super(message, null, false, false);
    }
}
