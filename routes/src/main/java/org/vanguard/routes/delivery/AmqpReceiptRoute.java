package org.vanguard.routes.delivery;

import org.apache.camel.builder.RouteBuilder;

/**
 * Records the receipts the broker queues when a participant acknowledges a delivery over AMQP (the broker plugin
 * {@code AmqpReceiptForwarder} puts one on {@code hub.routes.amqp-receipt-queue} in the acknowledgement's own
 * transaction), on whichever hub node takes them: the delivery goes into the {@link DeliveryLedger} (so a replay never
 * sends it again) and its receipt into the audit, way {@value #WAY}. Then the JMS transaction commits; a crash between
 * the two redelivers the receipt, which the ledger records once per delivery and the audit once per delivery and way.
 */
public final class AmqpReceiptRoute extends RouteBuilder {

    /** The way a receipt over AMQP is recorded and audited as. */
    public static final String WAY = "amqp";

    private final DeliveryLedger ledger;

    public AmqpReceiptRoute(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void configure() {
        from("jms:queue:{{hub.routes.amqp-receipt-queue}}?transacted=true&disableReplyTo=true")
                .routeId("receipts.amqp")
                .routeConfigurationId("broker-redelivery")
                .process(exchange -> ledger.record(
                        WaitingDelivery.read(name -> exchange.getIn().getHeader(name), ""), WAY))
                .id("receipts.amqp.record");
    }
}
