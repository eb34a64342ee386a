package org.vanguard.routes.delivery;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;

/**
 * Puts a delivery on a participant's mailbox queue outside dispatch: a replayed dead letter or a
 * non-delivery notice. Inside a transacted route the send joins the route's JMS transaction.
 */
public final class MailboxDrop {

    private final ProducerTemplate producer;
    private final RouteProperties routes;

    public MailboxDrop(ProducerTemplate producer, RouteProperties routes) {
        this.producer = producer;
        this.routes = routes;
    }

    /**
     * @param duplicateId the broker's duplicate-detection id: a replay needs a new one, since the broker
     *     remembers the delivery id it dropped once and would silently drop the replay too
     * @param group the message group (the patient), so the delivery keeps its place in per-patient order
     */
    public void put(OdsCode owner, WaitingDelivery delivery, String duplicateId, @Nullable String group) {
        Map<String, Object> headers = new HashMap<>(delivery.properties());
        headers.put(HubHeaders.DUPLICATE_ID, duplicateId);
        if (group != null) {
            headers.put(HubHeaders.GROUP, group);
        }
        producer.sendBodyAndHeaders("jms:queue:" + routes.mailboxQueue(owner.value()), delivery.bundle(), headers);
    }
}
