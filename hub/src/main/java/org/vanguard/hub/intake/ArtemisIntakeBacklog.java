package org.vanguard.hub.intake;

import java.time.Instant;
import java.util.Optional;
import org.vanguard.hub.broker.BrokerQueues;
import org.vanguard.routes.intake.IntakeBacklog;

/**
 * The intake queue's backlog read from the broker: the message count (waiting, being delivered, scheduled for
 * redelivery) and the send time of the first waiting message. In-memory reads on the embedded broker; on an external
 * one, management requests answered from a short cache ({@code ManagedBrokerQueues}).
 */
final class ArtemisIntakeBacklog implements IntakeBacklog {

    private final BrokerQueues queues;
    private final String queueName;

    ArtemisIntakeBacklog(BrokerQueues queues, String queueName) {
        this.queues = queues;
        this.queueName = queueName;
    }

    @Override
    public long depth() {
        return queues.queue(queueName).map(state -> state.depth().waiting()).orElse(0L);
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        return queues.queue(queueName).flatMap(BrokerQueues.QueueState::oldestQueuedAt);
    }
}
