package org.vanguard.hub.broker.plugin;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Writes the broker-validated user onto every message as it is sent, over whatever the client put there.
 * Artemis's own {@code populateValidatedUser} does this for core messages only: an AMQP message keeps its
 * application properties as the client wrote them, so without this stamp a participant could set
 * {@value Message#HDR_VALIDATED_USER} itself and speak for another organisation. The stamp is journalled with the
 * message, so it holds after a broker restart or failover too.
 */
public final class ValidatedSenderStamp implements ActiveMQServerPlugin {

    /** The property the AMQP intake reads the sender from, as Artemis names it. */
    public static final String VALIDATED_USER = Message.HDR_VALIDATED_USER.toString();

    @Override
    public void beforeSend(
            ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        String validated = session == null ? null : session.getValidatedUser();
        if (validated == null) {
            message.removeProperty(VALIDATED_USER);
        } else {
            message.putStringProperty(VALIDATED_USER, validated);
        }
        // An AMQP message is journalled as the client encoded it unless told it changed: without this, the stamp is
        // lost when the broker reloads the message (a restart, a backup taking over) and the intake refuses it.
        message.messageChanged();
    }
}
