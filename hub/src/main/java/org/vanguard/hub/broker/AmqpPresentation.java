package org.vanguard.hub.broker;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;
import org.apache.activemq.artemis.protocol.amqp.broker.AmqpInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.qpid.proton.amqp.Symbol;
import org.vanguard.profiles.fhir.FhirFormat;

/**
 * How a message the hub wrote looks to a participant's AMQP client: {@code properties.content-type}
 * {@value #CONTENT_TYPE}, as AMQP 1.0 (3.2.4) expects of a body in a data or value section, and none of the broker's
 * own {@code _AMQ_} properties (duplicate-detection ids, routing and scheduling internals), which mean nothing to a
 * client and would tie it to Artemis. An Artemis outgoing interceptor: it runs on the AMQP copy made for each
 * delivery of a message the hub sent (over core JMS), just before it is written, so what the broker keeps, and the
 * REST mailbox, are untouched. The application properties the hub documents ({@code hub*}) stay.
 */
public final class AmqpPresentation implements AmqpInterceptor {

    /** The body of every message the hub sends participants is FHIR JSON text. */
    static final String CONTENT_TYPE = FhirFormat.JSON.mediaType();

    private static final String BROKER_PREFIX = "_AMQ_";

    @Override
    public boolean intercept(AMQPMessage message, RemotingConnection connection) throws ActiveMQException {
        boolean changed = false;
        if (message.getProperties() != null && message.getProperties().getContentType() == null) {
            message.getProperties().setContentType(Symbol.valueOf(CONTENT_TYPE));
            changed = true;
        }
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
