package org.vanguard.hub.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.activemq.artemis.core.config.MetricsConfiguration;
import org.apache.activemq.artemis.core.server.metrics.ActiveMQMetricsPlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker's own meters in the hub's registry: Artemis instruments its addresses and queues through Micrometer
 * ({@code artemis.message.count}, {@code artemis.messages.added}, {@code artemis.consumer.count}... tagged with broker,
 * address and queue) once it is given a registry, which the plugin below hands it (Spring Boot already measures the
 * JVM, so Artemis's JVM meters are left off). Beside them, {@code hub.mailbox.depth} per participant, registered at start
 * for every participant of the vanguard: what waits in its mailbox, the figure an operator watches per recipient; and
 * {@code hub.broker.dead.depth}, what the broker gave up on after every attempt, embedded or external (the
 * broker's own message count of the dead-letter address).
 */
@Configuration(proxyBeanMethods = false)
public class BrokerMetrics {

    /** Mailbox depth per participant, tag {@code participant}. */
    public static final String MAILBOX_DEPTH = "hub.mailbox.depth";

    /**
     * Messages the broker gave up on, on every queue of address {@code hub.dead} (one {@code DLQ.<address>} queue per
     * address they came from): above 0 wants an operator.
     */
    public static final String DEAD_DEPTH = "hub.broker.dead.depth";

    /** Hands the broker the hub's registry. */
    static final class HubRegistryPlugin implements ActiveMQMetricsPlugin {

        private static final long serialVersionUID = 1L;

        private final transient MeterRegistry registry;

        HubRegistryPlugin(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public ActiveMQMetricsPlugin init(Map<String, String> options) {
            return this;
        }

        @Override
        public MeterRegistry getRegistry() {
            return registry;
        }
    }

    /**
     * Artemis adds a meter filter of its own (its {@code artemis.} prefix and {@code broker} tag) to the registry it is
     * given; a composite in front of the hub's registry keeps that filter to the broker's meters, which still reach the
     * hub's registry (and no "filter configured after a meter was registered" warning at each start).
     */
    @Bean
    ArtemisConfigurationCustomizer brokerMetricsCustomizer(ObjectProvider<MeterRegistry> registry) {
        return configuration -> configuration.setMetricsConfiguration(new MetricsConfiguration()
                .setPlugin(new HubRegistryPlugin(new CompositeMeterRegistry().add(registry.getObject())))
                .setJvmMemory(false)
                .setJvmGc(false)
                .setJvmThread(false));
    }

    /** Reads one queue's depth from the broker (registered as {@value #MAILBOX_DEPTH} gauges by the broker module). */
    public static final class MailboxDepths {

        private final ToLongFunction<String> waiting;

        public MailboxDepths(ToLongFunction<String> waiting) {
            this.waiting = waiting;
        }

        /** Messages waiting in {@code queue}, 0 when the broker is not running or has no such queue. */
        public long depth(String queue) {
            return waiting.applyAsLong(queue);
        }
    }
}
