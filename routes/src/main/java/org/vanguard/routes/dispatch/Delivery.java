package org.vanguard.routes.dispatch;

import java.util.List;
import org.vanguard.governance.participant.OdsCode;

/**
 * One permitted delivery: the message bundle as this recipient may see it, and the agreement clauses that
 * permitted it. Its id is derived from message and recipient, so it is the same however often the
 * message is dispatched, which lets the broker drop a duplicate.
 */
public record Delivery(String deliveryId, String hubMessageId, OdsCode recipient, String bundleJson, List<String> agreements) {

    public Delivery {
        agreements = List.copyOf(agreements);
    }
}
