package org.vanguard.routes.dispatch;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.vanguard.routes.HubHeaders;

/**
 * Consumes the intake queue in a JMS transaction: the decisions' deliveries to every mailbox and the
 * removal of the message from the intake queue commit together, or not at all.
 */
@Component
public final class DispatchRoute extends RouteBuilder {

    private final DispatchPlanner planner;
    private final DeliverySigner signer;

    public DispatchRoute(DispatchPlanner planner, DeliverySigner signer) {
        this.planner = planner;
        this.signer = signer;
    }

    @Override
    public void configure() {
        from("jms:queue:{{hub.routes.intake-queue}}?transacted=true&concurrentConsumers={{hub.routes.dispatch-consumers}}")
                .routeId("dispatch.decide")
                .routeConfigurationId("broker-redelivery")
                .bean(planner, "plan(${body}, ${header." + HubHeaders.MESSAGE_ID + "})")
                .id("dispatch.plan")
                .split(body())
                    .process(new DeliveryEnvelope(signer))
                    .id("dispatch.envelope")
                    .toD("jms:queue:{{hub.routes.mailbox-queue-prefix}}${header." + HubHeaders.RECIPIENT + "}")
                    .id("dispatch.deliver")
                .end();
    }
}
