package org.vanguard.hub.broker;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.routes.RouteProperties;

/**
 * Shapes the embedded Artemis server (Spring Boot starts it from {@code spring.artemis.embedded}) and the
 * Camel JMS component. Redelivery is the broker's job (see {@code ErrorPolicies}): address settings here
 * give the delay, the attempts and the dead-letter address.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedBrokerConfiguration {

    /** Dead-letter address for hub queues: a message that fails every attempt waits here for an operator. */
    public static final String DEAD_LETTER_ADDRESS = "hub.dead";

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(BrokerProperties broker, RouteProperties routes,
            ParticipantDirectory participants) {
        return configuration -> {
            configuration.setJournalType(JournalType.NIO);
            int timeoutNanos = Math.toIntExact(broker.journalBufferTimeout().toNanos());
            configuration.setJournalBufferTimeout_NIO(timeoutNanos);
            configuration.setJournalBufferTimeout_AIO(timeoutNanos);
            configuration.addAddressSetting("hub.#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                    .setAutoCreateDeadLetterResources(true)
                    .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                    .setRedeliveryDelay(broker.redeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(broker.redeliveryDelay().toMillis() * 60));
            configuration.addQueueConfiguration(QueueConfiguration.of(routes.intakeQueue())
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
            for (Participant participant : participants.all()) {
                String mailbox = routes.mailboxQueue(participant.ods().value());
                configuration.addQueueConfiguration(QueueConfiguration.of(mailbox)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true));
            }
        };
    }

    /**
     * The {@code jms} component of every route: transacted, so that a consumed message and everything the
     * route sends commit together; persistent sends, so that nothing queued is lost in a crash.
     */
    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        JmsTransactionManager transactionManager = new JmsTransactionManager(connectionFactory);
        JmsComponent component = JmsComponent.jmsComponentTransacted(connectionFactory, transactionManager);
        component.setDeliveryPersistent(true);
        component.setCacheLevelName("CACHE_CONSUMER");
        return component;
    }
}
