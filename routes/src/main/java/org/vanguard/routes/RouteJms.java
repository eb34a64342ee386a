package org.vanguard.routes;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;

/**
 * The {@code jms} component every route's URIs name, as the routes need it: locally transacted sessions, so that
 * a consumed message and everything the route sends commit together; persistent sends, so that nothing queued is
 * lost in a crash. The application registers it under the name {@code jms} over its broker's connection factory.
 *
 * <p>Deliberately no transaction manager. With a {@code JmsTransactionManager} and a cached consumer, Spring's
 * listener container receives on its own session and commits it right after the route, while the route's
 * sends go through the transaction manager's other session, committed a moment later: a crash between the two
 * acknowledged a message whose deliveries were never written (the crash test caught exactly that). With local
 * transactions the container exposes its session to the route, the sends join it, and one commit covers both.
 */
public final class RouteJms {

    private RouteJms() {}

    public static JmsComponent component(ConnectionFactory connectionFactory) {
        JmsComponent component = new JmsComponent();
        component.setConnectionFactory(connectionFactory);
        component.setTransacted(true);
        component.setLazyCreateTransactionManager(false);
        component.setDeliveryPersistent(true);
        component.setCacheLevelName("CACHE_CONSUMER");
        return component;
    }
}
