package org.vanguard.hub.broker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.metrics.BrokerMetrics;
import org.vanguard.routes.RouteProperties;

/** The embedded broker's queues when the node runs one; an external broker's, through its management address, else. */
@Configuration(proxyBeanMethods = false)
public class BrokerQueuesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BrokerQueuesConfiguration.class);

    @Bean
    BrokerQueues brokerQueues(
            ObjectProvider<EmbeddedActiveMQ> embedded,
            ConnectionFactory connections,
            Clock clock,
            @Value("${hub.broker.management-cache:PT1S}") Duration cacheFor) {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        return broker != null
                ? new EmbeddedBrokerQueues(broker)
                : new ManagedBrokerQueues(connections, cacheFor, clock);
    }

    /**
     * On an external broker, the queues participants use over AMQP are made at start: they may not create queues
     * themselves (the embedded broker is configured with them, {@link EmbeddedBrokerConfiguration}).
     */
    @Bean
    @ConditionalOnProperty(name = "hub.broker.amqp-enabled", havingValue = "true")
    ApplicationRunner participantQueues(
            BrokerQueues queues, ParticipantDirectory participants, RouteProperties routes) {
        return arguments -> {
            if (queues instanceof ManagedBrokerQueues managed) {
                List<QueueConfiguration> names = new ArrayList<>(List.of(
                        BrokerQueues.anycast(routes.amqpIntakeQueue()),
                        BrokerQueues.anycast(routes.amqpReceiptQueue()),
                        BrokerQueues.deadLetterQueue(routes.amqpReceiptQueue())));
                for (Participant participant : participants.all()) {
                    names.add(BrokerQueues.anycast(
                            routes.mailboxQueue(participant.ods().value())));
                    names.add(BrokerQueues.anycast(
                            routes.replyQueue(participant.ods().value())));
                }
                // A node may start while the brokers fail over: asked again for about half a minute, then a warning
                // (the node serves HTTPS meanwhile; the hub makes a mailbox or reply queue on its first use anyway).
                RetryTemplate again = new RetryTemplate(RetryPolicy.builder()
                        .maxRetries(10)
                        .delay(Duration.ofSeconds(1))
                        .multiplier(1.5)
                        .maxDelay(Duration.ofSeconds(5))
                        .includes(IllegalStateException.class)
                        .build());
                try {
                    again.execute(() -> {
                        managed.createQueues(names);
                        return names;
                    });
                } catch (RetryException failed) {
                    log.warn(
                            "Could not make the participants' queues on the broker; participants on AMQP cannot attach to"
                                    + " one until the hub has used it: {}",
                            failed.getCause() == null
                                    ? failed.toString()
                                    : failed.getCause().toString());
                }
            }
        };
    }

    /** The gauges of every participant's mailbox; a queue not (yet) there reads 0. */
    @Bean
    BrokerMetrics.MailboxDepths mailboxDepths(
            BrokerQueues queues, ParticipantDirectory participants, RouteProperties routes, MeterRegistry registry) {
        BrokerMetrics.MailboxDepths depths = new BrokerMetrics.MailboxDepths(queue ->
                queues.queue(queue).map(state -> state.depth().waiting()).orElse(0L));
        for (Participant participant : participants.all()) {
            String queue = routes.mailboxQueue(participant.ods().value());
            Gauge.builder(BrokerMetrics.MAILBOX_DEPTH, depths, d -> d.depth(queue))
                    .tag("participant", participant.ods().value())
                    .description("deliveries waiting in the participant's mailbox")
                    .register(registry);
        }
        Gauge.builder(
                        BrokerMetrics.DEAD_DEPTH,
                        queues,
                        q -> q.waitingOnAddress(EmbeddedBrokerConfiguration.DEAD_LETTER_ADDRESS)
                                .map(Long::doubleValue)
                                .orElse(Double.NaN))
                .description("messages the broker gave up on after every attempt, on every queue of address hub.dead"
                        + " (DLQ.<address>): each wants an operator; NaN while the broker cannot be asked")
                .register(registry);
        return depths;
    }
}
