package org.vanguard.routes.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vanguard.routes.HubHeaders;

/**
 * One accepted message as dispatch reads it off the intake queue: the bundle as accepted, and the headers the intake
 * put beside it (hub message id, sender, event, acceptance time, patient group), kept whole so that the message's
 * deliveries carry them as they did when each message was its own exchange, and so that a message set aside goes
 * back to the broker as it came.
 */
public record IntakeMessage(String bundleJson, Map<String, Object> headers) {

    public IntakeMessage {
        Objects.requireNonNull(bundleJson, "bundleJson");
        Map<String, Object> present = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        headers = Map.copyOf(present);
    }

    public String hubMessageId() {
        return String.valueOf(headers.get(HubHeaders.MESSAGE_ID));
    }

    public String sender() {
        return String.valueOf(headers.get(HubHeaders.SENDER));
    }
}
