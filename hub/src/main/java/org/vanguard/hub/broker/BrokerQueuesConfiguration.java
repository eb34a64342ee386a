package org.vanguard.hub.broker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.metrics.BrokerMetrics;
import org.vanguard.routes.RouteProperties;

/** The embedded broker's queues when the node runs one; an external broker's, through its management address, else. */
@Configuration(proxyBeanMethods = false)
public class BrokerQueuesConfiguration {

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
        return depths;
    }
}
