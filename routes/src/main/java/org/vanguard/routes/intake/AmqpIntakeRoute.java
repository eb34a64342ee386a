package org.vanguard.routes.intake;

import org.apache.camel.builder.RouteBuilder;

/**
 * Consumes what participants send to the AMQP intake queue, in a JMS transaction: the message is taken off
 * the queue and its answer is put on the sender's reply queue together, or not at all. Camel's own reply
 * handling is off ({@code disableReplyTo}), because it would answer to whatever address the client named.
 * Failures of the hub (not of the message) roll back and the broker redelivers, then dead-letters.
 */
public final class AmqpIntakeRoute extends RouteBuilder {

    private final AmqpIntake intake;

    public AmqpIntakeRoute(AmqpIntake intake) {
        this.intake = intake;
    }

    @Override
    public void configure() {
        from("jms:queue:{{hub.routes.amqp-intake-queue}}?transacted=true&disableReplyTo=true")
                .routeId("intake.amqp")
                .routeConfigurationId("broker-redelivery")
                .process(intake::process)
                .id("intake.amqp.accept")
                .filter(exchangeProperty(AmqpIntake.ANSWER_TO).isNotNull())
                .toD("jms:queue:${exchangeProperty." + AmqpIntake.ANSWER_TO + "}?disableReplyTo=true")
                .id("intake.amqp.answer")
                .end();
    }
}
