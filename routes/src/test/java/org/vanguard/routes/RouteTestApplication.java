package org.vanguard.routes;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.vanguard.routes.delivery.DeliveryProperties;
import org.vanguard.routes.delivery.TimeToLive;

/**
 * What the hub wires around its routes, cut down to what a route test needs: the embedded Artemis broker (in
 * memory) with the hub's failure shape (a few attempts, then the dead-letter queue), the {@code jms} component as the
 * hub registers it ({@link RouteJms}), the failure policies and a
 * clock. Each test class adds the route it tests and that route's collaborators, so the Spring context of one
 * test class is reused by all its tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties({RouteProperties.class, DeliveryProperties.class})
@Import(ErrorPolicies.class)
public class RouteTestApplication {

    /** Where the broker moves a message once every attempt has failed. */
    public static final String DEAD_LETTER_QUEUE = "hub.dead";
    /** The broker's attempts at a message before it dead-letters it. */
    public static final int DELIVERY_ATTEMPTS = 3;

    /** The failure a test class weaves into its route, one per context so that every test of the class arms the same. */
    @Bean
    Faults faults() {
        return new Faults();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TimeToLive timeToLive(DeliveryProperties delivery, Clock clock) {
        return new TimeToLive(delivery.timeToLive(), clock);
    }

    /** The hub's redelivery shape, with no delay between attempts so that a test sees the dead letter at once. */
    @Bean
    ArtemisConfigurationCustomizer redeliveryThenDeadLetter() {
        return configuration -> configuration.addAddressSetting(
                "hub.#",
                new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE))
                        .setMaxDeliveryAttempts(DELIVERY_ATTEMPTS)
                        .setRedeliveryDelay(0));
    }

    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        return RouteJms.component(connectionFactory);
    }
}
