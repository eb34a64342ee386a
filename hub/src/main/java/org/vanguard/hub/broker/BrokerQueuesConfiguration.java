package org.vanguard.hub.broker;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded broker's queues when the node runs one; an external broker's, through its management address, else. */
@Configuration(proxyBeanMethods = false)
public class BrokerQueuesConfiguration {

    @Bean
    BrokerQueues brokerQueues(ObjectProvider<EmbeddedActiveMQ> embedded, ConnectionFactory connections, Clock clock,
            @Value("${hub.broker.management-cache:PT1S}") Duration cacheFor) {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        return broker != null ? new EmbeddedBrokerQueues(broker) : new ManagedBrokerQueues(connections, cacheFor, clock);
    }
}
