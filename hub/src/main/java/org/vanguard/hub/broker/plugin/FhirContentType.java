package org.vanguard.hub.broker.plugin;

import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Marks what the hub puts on a participant's queues (mailbox deliveries, answers to AMQP intake) as FHIR JSON, so an
 * AMQP client reads {@code properties.content-type application/fhir+json} (AMQP 1.0, 3.2.4). The hub writes these
 * over core JMS; Artemis's core-to-AMQP conversion takes the content type from the {@value #CONTENT_TYPE_PROPERTY}
 * property, which this sets as the message is sent and nothing else reads. An external broker configures it in its
 * {@code broker-plugins} (properties {@code mailbox-prefix}, {@code reply-prefix}: {@link ParticipantPermissions#from}).
 */
public final class FhirContentType implements ActiveMQServerPlugin {

    /** The property Artemis's core-to-AMQP converter makes {@code properties.content-type} of. */
    static final String CONTENT_TYPE_PROPERTY = "JMS_AMQP_ContentType";

    /** FHIR's JSON media type (FHIR R4, 3.1.0.1.3). */
    static final String FHIR_JSON = "application/fhir+json";

    private volatile List<String> participantQueuePrefixes;

    /** For a broker's XML configuration: the hub's default queue names until {@link #init} says otherwise. */
    public FhirContentType() {
        this(ParticipantPermissions.DEFAULTS);
    }

    public FhirContentType(ParticipantPermissions queues) {
        this.participantQueuePrefixes = List.of(queues.mailboxPrefix(), queues.replyPrefix());
    }

    @Override
    public void init(Map<String, String> properties) {
        ParticipantPermissions queues = ParticipantPermissions.from(properties);
        this.participantQueuePrefixes = List.of(queues.mailboxPrefix(), queues.replyPrefix());
    }

    @Override
    public void beforeSend(
            ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        String address = message.getAddress();
        if (address != null
                && participantQueuePrefixes.stream().anyMatch(address::startsWith)
                && !message.containsProperty(CONTENT_TYPE_PROPERTY)) {
            message.putStringProperty(CONTENT_TYPE_PROPERTY, FHIR_JSON);
        }
    }
}
