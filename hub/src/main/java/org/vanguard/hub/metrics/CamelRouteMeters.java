package org.vanguard.hub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Camel's routes in the hub's registry, from Camel's own event notifications: per route, the exchanges completed and
 * failed with their time ({@code camel.route.exchanges}, tags {@code routeId} and {@code outcome}), registered as
 * each route starts; and Camel's redeliveries ({@code hub.delivery.retries}): only the push routes let Camel redeliver
 * (policy {@code push-retry}, {@code routes.ErrorPolicies}), so each is one more attempt at a participant's endpoint.
 * Camel's {@code camel-micrometer} would give the same route meters, but no release of it matches the Camel 4.22
 * line the hub is built on (Maven Central has it up to 4.18); this notifier is the few lines it needs meanwhile.
 */
@Component
public class CamelRouteMeters extends EventNotifierSupport {

    /** Exchanges per route and outcome, timed. */
    public static final String EXCHANGES = "camel.route.exchanges";
    /** Push retries. */
    public static final String RETRIES = "hub.delivery.retries";

    private final MeterRegistry registry;
    private final Counter retries;
    private final Map<String, Timer> succeeded = new ConcurrentHashMap<>();
    private final Map<String, Timer> failed = new ConcurrentHashMap<>();

    public CamelRouteMeters(MeterRegistry registry) {
        this.registry = registry;
        this.retries = Counter.builder(RETRIES)
                .description("another attempt to push a delivery after a failure that may pass")
                .register(registry);
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteStartedEvent
                || event instanceof CamelEvent.ExchangeCompletedEvent
                || event instanceof CamelEvent.ExchangeFailedEvent
                || event instanceof CamelEvent.ExchangeRedeliveryEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.RouteStartedEvent) {
            route(((CamelEvent.RouteStartedEvent) event).getRoute().getRouteId());
        } else if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
            retries.increment();
        } else if (event instanceof CamelEvent.ExchangeEvent) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            String routeId = exchange.getFromRouteId();
            if (routeId == null
                    || exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) != null
                    || exchange.getProperty(ExchangePropertyKey.ON_COMPLETION) != null) {
                // not a route's own exchange: a split's part or an onCompletion's copy, timed within the original
                return;
            }
            route(routeId);
            Duration elapsed = Duration.ofMillis(Math.max(0, exchange.getClock().elapsed()));
            Objects.requireNonNull(
                            (event instanceof CamelEvent.ExchangeFailedEvent ? failed : succeeded).get(routeId),
                            routeId)
                    .record(elapsed);
        }
    }

    private void route(String routeId) {
        succeeded.computeIfAbsent(routeId, id -> timer(id, "succeeded"));
        failed.computeIfAbsent(routeId, id -> timer(id, "failed"));
    }

    private Timer timer(String routeId, String outcome) {
        return Timer.builder(EXCHANGES)
                .tag("routeId", routeId)
                .tag("outcome", outcome)
                .description("exchanges a route completed or failed, from its consumer taking them to their end")
                .register(registry);
    }
}
