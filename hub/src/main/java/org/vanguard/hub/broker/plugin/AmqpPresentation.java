package org.vanguard.hub.broker.plugin;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;
import org.apache.activemq.artemis.protocol.amqp.broker.AmqpInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * How a message the hub wrote looks to a participant's AMQP client: none of the broker's own {@code _AMQ_} properties
 * (duplicate-detection ids, routing and scheduling internals), which mean nothing to a client and would tie it to
 * Artemis; the application properties the hub documents ({@code hub*}) stay, and {@link FhirContentType} gives the
 * content type. An Artemis outgoing interceptor: it runs on the AMQP copy made for each delivery of a message the hub
 * sent (over core JMS), just before it is written, so what the broker keeps, and the REST mailbox, are untouched.
 */
public final class AmqpPresentation implements AmqpInterceptor {

    private static final String BROKER_PREFIX = "_AMQ_";

    @Override
    public boolean intercept(AMQPMessage message, RemotingConnection connection) throws ActiveMQException {
        boolean changed = false;
        for (Object name : message.getPropertyNames().toArray()) {
            if (name.toString().startsWith(BROKER_PREFIX)) {
                message.removeProperty(name.toString());
                changed = true;
            }
        }
        if (changed) {
            message.reencode();
        }
        return true;
    }
}
