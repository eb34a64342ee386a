package org.vanguard.routes.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.dispatch.DeliveryDecisions;

/**
 * One delivery as it waits on a mailbox queue: the signed bundle and the broker properties that say what it
 * is, who it is for and which questions it was permitted on. Read from a queued message; a replay writes it
 * back under the same id, released again under today's permits and signed again.
 */
public record WaitingDelivery(
        String deliveryId,
        String hubMessageId,
        OdsCode recipient,
        Instant acceptedAt,
        String bundle,
        Map<String, String> properties) {

    /** The properties a delivery carries; the broker's own (group, duplicate id) are set again when it is queued. */
    public static final List<String> CARRIED = List.of(
            HubHeaders.MESSAGE_ID,
            HubHeaders.DELIVERY_ID,
            HubHeaders.SENDER,
            HubHeaders.RECIPIENT,
            HubHeaders.EVENT,
            HubHeaders.PURPOSE,
            HubHeaders.AGREEMENTS,
            HubHeaders.ACCEPTED_AT,
            HubHeaders.PATIENT,
            HubHeaders.RESOURCE_TYPES,
            HubHeaders.OVERRIDE_REASON,
            HubHeaders.OVERRIDE_BY,
            HubHeaders.SIGNATURE);

    public WaitingDelivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(hubMessageId, "hubMessageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(bundle, "bundle");
        properties = Map.copyOf(properties);
    }

    /** Reads a queued delivery from its properties (as JMS properties or Camel headers) and its body. */
    public static WaitingDelivery read(Function<String, @Nullable Object> property, @Nullable String bundle) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : CARRIED) {
            Object value = property.apply(name);
            if (value != null) {
                properties.put(name, value.toString());
            }
        }
        return of(properties, Objects.requireNonNull(bundle, "bundle"));
    }

    /** A delivery from stored properties (a dead letter's). */
    public static WaitingDelivery of(Map<String, String> properties, String bundle) {
        String deliveryId = required(properties, HubHeaders.DELIVERY_ID);
        return new WaitingDelivery(
                deliveryId,
                required(properties, HubHeaders.MESSAGE_ID),
                OdsCode.of(required(properties, HubHeaders.RECIPIENT)),
                Instant.parse(required(properties, HubHeaders.ACCEPTED_AT)),
                bundle,
                properties);
    }

    /**
     * The same delivery (id, message, recipient, acceptance) with content released again under today's permits:
     * its new bundle and signature, today's agreements and questions, and no emergency override.
     */
    public WaitingDelivery releasedAgain(
            String newBundle, String newSignature, Collection<String> agreements, List<DecisionRequest> decidedToday) {
        Map<String, String> again = new LinkedHashMap<>(properties);
        again.remove(HubHeaders.OVERRIDE_REASON);
        again.remove(HubHeaders.OVERRIDE_BY);
        again.put(HubHeaders.AGREEMENTS, String.join(",", agreements));
        DeliveryDecisions.write(decidedToday, (name, value) -> again.put(name, value.toString()));
        again.put(HubHeaders.SIGNATURE, newSignature);
        return new WaitingDelivery(deliveryId, hubMessageId, recipient, acceptedAt, newBundle, again);
    }

    public @Nullable String sender() {
        return properties.get(HubHeaders.SENDER);
    }

    public @Nullable String event() {
        return properties.get(HubHeaders.EVENT);
    }

    /** The patient, when the delivery concerns one (a non-delivery notice says which in its bundle only). */
    public @Nullable String patient() {
        return properties.get(HubHeaders.PATIENT);
    }

    public @Nullable String signature() {
        return properties.get(HubHeaders.SIGNATURE);
    }

    /** The questions it was permitted on at dispatch, to be decided again before it leaves. */
    public List<DecisionRequest> decided() {
        return DeliveryDecisions.read(properties::get);
    }

    private static String required(Map<String, String> properties, String name) {
        String value = properties.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a queued delivery lacks its " + name + " property");
        }
        return value;
    }
}
