package org.vanguard.routes.dispatch;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.vanguard.routes.HubHeaders;

/**
 * Consumes the intake queue in batches, each in one JMS transaction ({@link DispatchBatchContainer}): the batch's
 * decisions are taken with their records, relationships and audit in one database transaction (a savepoint per
 * message), committed before the JMS transaction; then the deliveries of every message go to the mailboxes, in the
 * order received, and the batch's removal from the intake queue commits with them, or nothing does.
 *
 * <p>A message whose own dispatch fails (unreadable, its records or audit refused) is set aside within the same JMS
 * transaction: it goes, as accepted, to the set-aside queue, where {@code dispatch.alone} dispatches it one message
 * per transaction with the broker's redelivery and dead-letter address, exactly as every message used to go. The
 * others of its batch are not held back and lose no attempt. Per-patient order holds through message groups, and
 * within a batch by planning and delivering in the order received; a message set aside may be overtaken by a later
 * one about the same patient, and the record store then refuses whichever is older (a notice to its sender).
 */
@Component
public final class DispatchRoute extends RouteBuilder {

    /** The listener container factory the dispatch endpoint names. */
    public static final String BATCH_CONTAINERS = "dispatchBatchContainers";

    private final DispatchPlanner planner;
    private final DeliverySigner signer;
    private final DispatchBatch batch;

    public DispatchRoute(DispatchPlanner planner, DeliverySigner signer, DispatchBatch batch) {
        this.planner = planner;
        this.signer = signer;
        this.batch = batch;
    }

    @Override
    public void configure() {
        from("jms:queue:{{hub.routes.intake-queue}}?transacted=true&concurrentConsumers={{hub.routes.dispatch-consumers}}"
                        + "&consumerType=Custom&messageListenerContainerFactory=#" + BATCH_CONTAINERS)
                .routeId("dispatch.decide")
                .routeConfigurationId("broker-redelivery")
                .bean(batch, "read")
                .id("dispatch.batch")
                .bean(planner, "planBatch(${body})")
                .id("dispatch.plan")
                .split(body())
                .stopOnException()
                .bean(batch, "unpack")
                .id("dispatch.unpack")
                .choice()
                .when(exchangeProperty(DispatchBatch.SET_ASIDE).isEqualTo(true))
                .to("jms:queue:{{hub.routes.dispatch-set-aside-queue}}")
                .id("dispatch.set-aside")
                .otherwise()
                .split(body())
                .stopOnException()
                .process(new DeliveryEnvelope(signer))
                .id("dispatch.envelope")
                .toD("jms:queue:{{hub.routes.mailbox-queue-prefix}}${header." + HubHeaders.RECIPIENT + "}")
                .id("dispatch.deliver")
                .end()
                .end()
                .end();

        from("jms:queue:{{hub.routes.dispatch-set-aside-queue}}?transacted=true")
                .routeId("dispatch.alone")
                .routeConfigurationId("broker-redelivery")
                .bean(planner, "plan(${body}, ${header." + HubHeaders.MESSAGE_ID + "})")
                .id("dispatch.alone.plan")
                .split(body())
                .stopOnException()
                .process(new DeliveryEnvelope(signer))
                .id("dispatch.alone.envelope")
                .toD("jms:queue:{{hub.routes.mailbox-queue-prefix}}${header." + HubHeaders.RECIPIENT + "}")
                .id("dispatch.alone.deliver")
                .end();
    }
}
