package org.vanguard.routes.dispatch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;

/**
 * One delivery: the message bundle as this recipient may see it, and the agreement clauses that permitted it.
 * Its id is derived from message and recipient, so it is the same however often the message is dispatched,
 * which lets the broker drop a duplicate. {@code decided} are the permitted questions, kept so that the
 * delivery can be decided again when the recipient collects it. A notice from the hub to the sender (its
 * message was not forwarded) is a delivery too, with the event it is listed under and nothing to decide.
 */
public record Delivery(
        String deliveryId,
        String hubMessageId,
        OdsCode recipient,
        String bundleJson,
        List<String> agreements,
        List<DecisionRequest> decided,
        Optional<String> noticeEvent) {

    public Delivery {
        agreements = List.copyOf(agreements);
        decided = List.copyOf(decided);
        Objects.requireNonNull(noticeEvent, "noticeEvent");
    }

    /** A delivery of shared records to a permitted recipient. */
    public Delivery(
            String deliveryId,
            String hubMessageId,
            OdsCode recipient,
            String bundleJson,
            List<String> agreements,
            List<DecisionRequest> decided) {
        this(deliveryId, hubMessageId, recipient, bundleJson, agreements, decided, Optional.empty());
    }

    /** The hub's notice to a sender about its message, listed under {@code event}. */
    public static Delivery notice(
            String noticeId, String hubMessageId, OdsCode sender, String bundleJson, String event) {
        return new Delivery(noticeId, hubMessageId, sender, bundleJson, List.of(), List.of(), Optional.of(event));
    }
}
