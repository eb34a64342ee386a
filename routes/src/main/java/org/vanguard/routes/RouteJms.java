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

    /**
     * The broker's dead-letter address: a message that fails every attempt goes to a queue of its own there,
     * {@code DLQ.<address it came from>} (filtered on {@value #ORIGINAL_ADDRESS}), and waits for an operator.
     */
    public static final String DEAD_LETTER_ADDRESS = "hub.dead";

    /** The property Artemis writes the address a dead letter came from into, and its DLQ queues filter on. */
    public static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";

    private RouteJms() {}

    /** The queue on {@link #DEAD_LETTER_ADDRESS} that holds the dead letters of {@code address}, as Artemis names it. */
    public static String deadLetterQueue(String address) {
        return "DLQ." + address;
    }

    /**
     * That queue's fully qualified name ({@code hub.dead::DLQ.<address>}): a message sent to it goes to that queue
     * alone, and a send fails rather than being dropped when the broker may not make it.
     */
    public static String deadLetterQueueFqqn(String address) {
        return DEAD_LETTER_ADDRESS + "::" + deadLetterQueue(address);
    }

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
