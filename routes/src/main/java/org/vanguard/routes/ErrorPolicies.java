package org.vanguard.routes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.support.ExpressionAdapter;
import org.springframework.stereotype.Component;
import org.vanguard.routes.delivery.DeliveryProperties;
import org.vanguard.routes.delivery.FatalDeliveryFailure;
import org.vanguard.routes.delivery.PushRoute;
import org.vanguard.routes.delivery.TimeToLive;

/**
 * The hub's failure policies, declared once. The decision of who owns redelivery is made here:
 * <ul>
 *   <li>{@code caller-handles-errors}: in-process hops whose caller is waiting (intake). No redelivery;
 *       the exception reaches the caller, which answers the sender.</li>
 *   <li>{@code broker-redelivery}: routes consuming a transacted JMS queue. Camel does not redeliver;
 *       the exception rolls the transaction back and the broker redelivers with its configured delay,
 *       then moves the message to the dead-letter address. One owner, so attempts are never multiplied.</li>
 *   <li>{@code push-retry}: pushing to a participant's endpoint. Camel owns redelivery, in place: the consumer
 *       keeps the message (its JMS transaction open) and retries with exponential backoff and jitter
 *       (collision avoidance) until the delivery's time to live runs out, so no later message overtakes it
 *       and the broker's ten attempts never cut a days-long outage short. A refusal ({@code fatal-error},
 *       4xx) is not retried. What it gives up on goes to the dead-letter channel, which stores it and tells
 *       the sender; the broker sees a commit.</li>
 * </ul>
 */
@Component
public final class ErrorPolicies extends RouteConfigurationBuilder {

    private final DeliveryProperties delivery;
    private final TimeToLive timeToLive;

    public ErrorPolicies(DeliveryProperties delivery, TimeToLive timeToLive) {
        this.delivery = delivery;
        this.timeToLive = timeToLive;
    }

    @Override
    public void configuration() {
        routeConfiguration("caller-handles-errors").errorHandler(noErrorHandler());
        routeConfiguration("broker-redelivery").errorHandler(noErrorHandler());
        routeConfiguration("push-retry")
                .errorHandler(deadLetterChannel(PushRoute.DEAD_LETTER)
                        .deadLetterHandleNewException(false)
                        .useOriginalMessage()
                        .maximumRedeliveries(-1)
                        .redeliveryDelay(delivery.initialDelay().toMillis())
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(delivery.maxDelay().toMillis())
                        .useCollisionAvoidance()
                        .retryWhile(new ExpressionAdapter() {
                            @Override
                            public Object evaluate(Exchange exchange) {
                                return worthRetrying(exchange);
                            }
                        })
                        .allowRedeliveryWhileStopping(false)
                        .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                        .logExhausted(false));
    }

    /** Another attempt unless the recipient refused or the delivery's time to live has run out. */
    private boolean worthRetrying(Exchange exchange) {
        Exception failure = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof FatalDeliveryFailure) {
            return false;
        }
        String acceptedAt = exchange.getMessage().getHeader(HubHeaders.ACCEPTED_AT, String.class);
        try {
            return acceptedAt == null || !timeToLive.expired(Instant.parse(acceptedAt));
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}
