package org.vanguard.hub.broker;

import java.util.List;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.vanguard.profiles.fhir.FhirFormat;

/**
 * Marks what the hub puts on a participant's queues (mailbox deliveries, answers to AMQP intake) as FHIR JSON, so an
 * AMQP client reads {@code properties.content-type application/fhir+json} (AMQP 1.0, 3.2.4). The hub writes these
 * over core JMS; Artemis's core-to-AMQP conversion takes the content type from the {@value #CONTENT_TYPE_PROPERTY}
 * property, which this sets as the message is sent and nothing else reads.
 */
final class FhirContentType implements ActiveMQServerMessagePlugin {

    /** The property Artemis's core-to-AMQP converter makes {@code properties.content-type} of. */
    static final String CONTENT_TYPE_PROPERTY = "JMS_AMQP_ContentType";

    private final List<String> participantQueuePrefixes;

    FhirContentType(List<String> participantQueuePrefixes) {
        this.participantQueuePrefixes = List.copyOf(participantQueuePrefixes);
    }

    @Override
    public void beforeSend(
            ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        String address = message.getAddress();
        if (address != null
                && participantQueuePrefixes.stream().anyMatch(address::startsWith)
                && !message.containsProperty(CONTENT_TYPE_PROPERTY)) {
            message.putStringProperty(CONTENT_TYPE_PROPERTY, FhirFormat.JSON.mediaType());
        }
    }
}
