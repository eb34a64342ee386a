package org.vanguard.routes.delivery;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Push delivery as a route template: one route per participant with a registered endpoint, instantiated and
 * removed by {@link PushRoutes}. Exactly one consumer per mailbox, holding its message through every
 * retry (policy {@code push-retry}), so a later message about the same patient can never overtake an
 * earlier one. Dead letters pass through {@code direct:push.dead-letter}.
 */
@Component
public final class PushRoute extends RouteBuilder {

    /** The template's id. */
    public static final String TEMPLATE = "push";
    /** Where the retry policy hands a delivery it gives up on. */
    public static final String DEAD_LETTER = "direct:push.dead-letter";

    private final PushDelivery push;
    private final DeadLettering deadLettering;

    public PushRoute(PushDelivery push, DeadLettering deadLettering) {
        this.push = push;
        this.deadLettering = deadLettering;
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE)
                .templateParameter("ods")
                .from("jms:queue:{{hub.routes.mailbox-queue-prefix}}{{ods}}"
                        + "?transacted=true&concurrentConsumers=1&maxConcurrentConsumers=1")
                .routeConfigurationId("push-retry")
                .process(push)
                .id("push.deliver");

        from(DEAD_LETTER)
                .routeId("push.dead-letter")
                .routeConfigurationId("caller-handles-errors")
                .process(deadLettering)
                .id("push.dead-letter.store");
    }
}
