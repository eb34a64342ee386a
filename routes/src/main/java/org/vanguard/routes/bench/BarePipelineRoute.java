package org.vanguard.routes.bench;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Puts a parsed message on a durable queue exactly as the intake route does, and drains that queue, dropping
 * what it reads: the cost of HTTPS, parsing and a durable queue with nothing decided, for the load harness to
 * set beside the full hub.
 */
@Component
@ConditionalOnProperty(name = "hub.bench.bare-pipeline", havingValue = "true")
public final class BarePipelineRoute extends RouteBuilder {

    /** The in-process hop the bare endpoint sends to. */
    public static final String ACCEPT = "direct:bench.bare.accept";

    static final String QUEUE = "hub.bench.bare";

    @Override
    public void configure() {
        from(ACCEPT)
                .routeId("bench.bare.accept")
                .to("jms:queue:" + QUEUE + "?deliveryPersistent=true&transacted=false");
        from("jms:queue:" + QUEUE + "?transacted=true&concurrentConsumers=2")
                .routeId("bench.bare.drain")
                .log(LoggingLevel.TRACE, "dropped ${header.hubMessageId}");
    }
}
