package org.vanguard.hub.intake;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.vanguard.hub.broker.BrokerQueues;
import org.vanguard.routes.intake.IntakeBacklog;

/**
 * The intake queue's backlog read from the broker: the message count (waiting, being delivered, scheduled for
 * redelivery) and the send time of the first waiting message. In-memory reads on the embedded broker; on an external
 * one, management requests answered from a short cache ({@code ManagedBrokerQueues}). Each sender's part of it comes
 * from the database, where every node records what it accepts ({@code intake_message_key}) and what it dispatched
 * ({@code dispatch_decided}).
 */
final class ArtemisIntakeBacklog implements IntakeBacklog {

    private final BrokerQueues queues;
    private final String queueName;
    private final JdbcIntakeKeys keys;

    ArtemisIntakeBacklog(BrokerQueues queues, String queueName, JdbcIntakeKeys keys) {
        this.queues = queues;
        this.queueName = queueName;
        this.keys = keys;
    }

    @Override
    public long depth() {
        return queues.queue(queueName).map(state -> state.depth().waiting()).orElse(0L);
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        return queues.queue(queueName).flatMap(BrokerQueues.QueueState::oldestQueuedAt);
    }

    @Override
    public Map<String, Long> waitingBySender(Instant since) {
        return keys.waitingBySender(since);
    }
}
