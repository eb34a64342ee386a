package org.vanguard.routes.dispatch;

import java.util.List;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;

/**
 * One permitted delivery: the message bundle as this recipient may see it, and the agreement clauses that
 * permitted it. Its id is derived from message and recipient, so it is the same however often the
 * message is dispatched, which lets the broker drop a duplicate. {@code decided} are the permitted
 * questions, kept so that the delivery can be decided again when the recipient collects it.
 */
public record Delivery(String deliveryId, String hubMessageId, OdsCode recipient, String bundleJson, List<String> agreements,
        List<DecisionRequest> decided) {

    public Delivery {
        agreements = List.copyOf(agreements);
        decided = List.copyOf(decided);
    }
}
