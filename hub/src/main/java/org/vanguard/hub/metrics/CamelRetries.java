package org.vanguard.hub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Counts Camel's own redeliveries ({@code hub.delivery.retries}): only the push routes let Camel redeliver (policy
 * {@code push-retry}, see {@code routes.ErrorPolicies}), so each is one more attempt at a participant's endpoint. The
 * broker's redeliveries of the JMS routes are in Camel's route meters ({@code camel.exchanges.external.redeliveries}).
 */
@Component
public class CamelRetries extends EventNotifierSupport {

    /** Push retries. */
    public static final String RETRIES = "hub.delivery.retries";

    private final Counter retries;

    public CamelRetries(MeterRegistry registry) {
        this.retries = Counter.builder(RETRIES).description("another attempt to push a delivery after a failure that may pass")
                .register(registry);
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeRedeliveryEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        retries.increment();
    }
}
