package org.vanguard.routes.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.routes.HubHeaders;

/**
 * The questions a delivery was permitted on, written into and read back from the broker message's
 * properties, so that the delivery can be decided again against today's agreements, Consent and objections
 * when the recipient collects it.
 */
public final class DeliveryDecisions {

    private DeliveryDecisions() {}

    /** Writes the questions as properties (none when nothing was decided). */
    public static void write(List<DecisionRequest> decided, BiConsumer<String, Object> header) {
        if (decided.isEmpty()) {
            return;
        }
        DecisionRequest first = decided.get(0);
        header.accept(HubHeaders.PURPOSE, first.purpose().code());
        header.accept(HubHeaders.PATIENT, first.patient().value());
        header.accept(
                HubHeaders.RESOURCE_TYPES,
                String.join(
                        ",", decided.stream().map(DecisionRequest::resourceType).toList()));
        first.emergency().ifPresent(override -> {
            header.accept(HubHeaders.OVERRIDE_REASON, override.reasonCode());
            header.accept(HubHeaders.OVERRIDE_BY, override.requestedBy());
        });
    }

    /** The questions again, from a waiting delivery's properties; empty if it carries none (older deliveries). */
    public static List<DecisionRequest> read(Function<String, String> property) {
        String types = property.apply(HubHeaders.RESOURCE_TYPES);
        if (types == null || types.isBlank()) {
            return List.of();
        }
        OdsCode sender = OdsCode.of(property.apply(HubHeaders.SENDER));
        OdsCode recipient = OdsCode.of(property.apply(HubHeaders.RECIPIENT));
        Purpose purpose = Purpose.fromCode(property.apply(HubHeaders.PURPOSE));
        NhsNumber patient = NhsNumber.of(property.apply(HubHeaders.PATIENT));
        Optional<EmergencyOverride> override = Optional.ofNullable(property.apply(HubHeaders.OVERRIDE_REASON))
                .map(reason -> new EmergencyOverride(
                        reason, "as at dispatch", String.valueOf(property.apply(HubHeaders.OVERRIDE_BY))));
        List<DecisionRequest> requests = new ArrayList<>();
        for (String type : types.split(",")) {
            requests.add(new DecisionRequest(sender, recipient, purpose, patient, type, override));
        }
        return requests;
    }
}
