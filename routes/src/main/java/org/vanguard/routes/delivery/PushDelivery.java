package org.vanguard.routes.delivery;

import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.vanguard.routes.dispatch.DeliveryRecheck;

/**
 * One attempt to push the delivery at the head of a participant's mailbox. Every attempt first decides the
 * delivery again (a Consent withdrawn during an outage takes effect before the endpoint is back) and skips
 * what the recipient already has; a failure is thrown for the push route's retry policy to judge.
 */
public final class PushDelivery implements Processor {

    private final PushEndpoints endpoints;
    private final PushClient client;
    private final DeliveryRecheck recheck;
    private final DeliveryLedger ledger;

    public PushDelivery(PushEndpoints endpoints, PushClient client, DeliveryRecheck recheck, DeliveryLedger ledger) {
        this.endpoints = endpoints;
        this.client = client;
        this.recheck = recheck;
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        WaitingDelivery delivery = WaitingDelivery.read(
                name -> exchange.getMessage().getHeader(name),
                exchange.getMessage().getBody(String.class));
        if (ledger.delivered(delivery.deliveryId())) {
            ledger.note(
                    delivery.deliveryId(),
                    delivery.hubMessageId(),
                    delivery.recipient(),
                    "skipped",
                    "the recipient already has this delivery; not sent again");
            return;
        }
        if (!recheck.stillPermitted(
                delivery.hubMessageId(), delivery.decided(), "before pushing it to the recipient's endpoint")) {
            ledger.note(
                    delivery.deliveryId(),
                    delivery.hubMessageId(),
                    delivery.recipient(),
                    "withheld",
                    "no longer permitted when it was about to be pushed");
            return;
        }
        URI base = endpoints
                .endpointOf(delivery.recipient())
                .orElseThrow(() -> new TransientDeliveryFailure(
                        delivery.recipient() + " has no push endpoint registered any more"));
        client.push(base, delivery);
        ledger.record(delivery, "push");
        ledger.note(delivery.deliveryId(), delivery.hubMessageId(), delivery.recipient(), "pushed", base.toString());
    }
}
