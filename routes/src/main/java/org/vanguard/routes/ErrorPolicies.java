package org.vanguard.routes;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The hub's failure policies, declared once. The decision of who owns redelivery is made here:
 * <ul>
 *   <li>{@code caller-handles-errors}: in-process hops whose caller is waiting (intake). No redelivery;
 *       the exception reaches the caller, which answers the sender.</li>
 *   <li>{@code broker-redelivery}: routes consuming a transacted JMS queue. Camel does not redeliver;
 *       the exception rolls the transaction back and the broker redelivers with its configured delay,
 *       then moves the message to the dead-letter address. One owner, so attempts are never multiplied.</li>
 * </ul>
 */
@Component
public final class ErrorPolicies extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("caller-handles-errors").errorHandler(noErrorHandler());
        routeConfiguration("broker-redelivery").errorHandler(noErrorHandler());
    }
}
