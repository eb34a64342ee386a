package org.vanguard.routes.dispatch;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.intake.IntakeAdmission;

/**
 * Consumes the intake queue in a JMS transaction: the decisions' deliveries to every mailbox and the
 * removal of the message from the intake queue commit together, or not at all. Once it has, the sender's count
 * of messages waiting for dispatch goes down ({@link IntakeAdmission}, the intake's backpressure).
 */
@Component
public final class DispatchRoute extends RouteBuilder {

    private final DispatchPlanner planner;
    private final DeliverySigner signer;
    private final IntakeAdmission admission;

    public DispatchRoute(DispatchPlanner planner, DeliverySigner signer, IntakeAdmission admission) {
        this.planner = planner;
        this.signer = signer;
        this.admission = admission;
    }

    @Override
    public void configure() {
        from("jms:queue:{{hub.routes.intake-queue}}?transacted=true&concurrentConsumers={{hub.routes.dispatch-consumers}}")
                .routeId("dispatch.decide")
                .routeConfigurationId("broker-redelivery")
                .onCompletion().onCompleteOnly()
                    .bean(admission, "dispatched(${header." + HubHeaders.SENDER + "})")
                    .id("dispatch.admitted")
                .end()
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
