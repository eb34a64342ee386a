package org.vanguard.hub.intake;

import java.time.Instant;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.jspecify.annotations.Nullable;
import org.vanguard.routes.intake.IntakeBacklog;

/**
 * The intake queue's backlog read from the embedded broker's own queue object: the message count (waiting, being
 * delivered, scheduled for redelivery) and the send time of the first waiting message. Both are in-memory reads.
 */
final class ArtemisIntakeBacklog implements IntakeBacklog {

    private final EmbeddedActiveMQ broker;
    private final SimpleString queueName;
    private volatile @Nullable Queue queue;

    ArtemisIntakeBacklog(EmbeddedActiveMQ broker, String queueName) {
        this.broker = broker;
        this.queueName = SimpleString.of(queueName);
    }

    @Override
    public long depth() {
        Queue found = queue();
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        Queue found = queue();
        if (found == null) {
            return Optional.empty();
        }
        MessageReference first = found.peekFirstMessage();
        if (first == null || first.getMessage() == null || first.getMessage().getTimestamp() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(first.getMessage().getTimestamp()));
    }

    /** The queue, once the broker has it (it is created on first use). */
    private @Nullable Queue queue() {
        Queue found = queue;
        if (found == null && broker.getActiveMQServer() != null) {
            found = broker.getActiveMQServer().locateQueue(queueName);
            queue = found;
        }
        return found;
    }
}
