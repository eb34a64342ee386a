package org.vanguard.routes.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.vanguard.routes.HubHeaders;

/**
 * Turns one planned delivery into the broker message that lands in the recipient's mailbox: the bundle as
 * body, the hub's signature over exactly those bytes, and the properties a mailbox reader lists without
 * opening the body (a notice is from the hub, under its own event).
 */
public final class DeliveryEnvelope implements Processor {

    private final DeliverySigner signer;

    public DeliveryEnvelope(DeliverySigner signer) {
        this.signer = signer;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Delivery delivery = Objects.requireNonNull(message.getBody(Delivery.class), "the delivery to queue");
        message.setHeader(HubHeaders.DELIVERY_ID, delivery.deliveryId());
        message.setHeader(HubHeaders.DUPLICATE_ID, delivery.deliveryId());
        message.setHeader(HubHeaders.RECIPIENT, delivery.recipient().value());
        message.setHeader(HubHeaders.AGREEMENTS, String.join(",", delivery.agreements()));
        DeliveryDecisions.write(delivery.decided(), message::setHeader);
        delivery.noticeEvent().ifPresent(event -> {
            message.setHeader(HubHeaders.SENDER, HubHeaders.HUB_SENDER);
            message.setHeader(HubHeaders.EVENT, event);
        });
        message.setHeader(
                HubHeaders.SIGNATURE, signer.sign(delivery.bundleJson().getBytes(StandardCharsets.UTF_8)));
        message.setBody(delivery.bundleJson());
    }
}
