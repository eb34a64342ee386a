package org.vanguard.routes.intake;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Puts an accepted message on the durable intake queue. The JMS send is persistent and synchronous, so
 * the caller returns only once the broker has journalled the message. It is not transacted: a repeated
 * message then meets Artemis's duplicate detection as a silent drop, where a transaction would roll back.
 */
@Component
public final class IntakeRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(IntakeGateway.ACCEPT)
                .routeId("intake.accept")
                .routeConfigurationId("caller-handles-errors")
                .to("jms:queue:{{hub.routes.intake-queue}}?deliveryPersistent=true&transacted=false")
                .id("intake.enqueue");
    }
}
