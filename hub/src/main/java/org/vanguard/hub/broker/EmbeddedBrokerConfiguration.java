package org.vanguard.hub.broker;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.broker.plugin.AmqpPresentation;
import org.vanguard.hub.broker.plugin.AmqpReceiptForwarder;
import org.vanguard.hub.broker.plugin.FhirContentType;
import org.vanguard.hub.broker.plugin.ParticipantPermissions;
import org.vanguard.hub.broker.plugin.ParticipantSessionCheck;
import org.vanguard.hub.broker.plugin.ValidatedSenderStamp;
import org.vanguard.hub.pki.CertificateRegistry;
import org.vanguard.hub.pki.HubCertificateAuthority;
import org.vanguard.hub.pki.HubTrustManagerFactoryPlugin;
import org.vanguard.hub.pki.PkiConfiguration;
import org.vanguard.hub.pki.PkiProperties;
import org.vanguard.hub.pki.RevocationCheckingTrustManager;
import org.vanguard.routes.RouteJms;
import org.vanguard.routes.RouteProperties;
import org.vanguard.routes.dispatch.DispatchBatchContainer;
import org.vanguard.routes.dispatch.DispatchRoute;

/**
 * Shapes the embedded Artemis server (Spring Boot starts it from {@code spring.artemis.embedded}) and the
 * Camel JMS component. Redelivery is the broker's job (see {@code ErrorPolicies}): address settings here
 * give the delay, the attempts and the dead-letter address. Security is always on: the hub's in-VM
 * connections have full access, participants arrive only through the TLS AMQP acceptor and get exactly
 * {@link ParticipantPermissions} (see {@link ParticipantSecurityManager}).
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedBrokerConfiguration {

    /** Dead-letter address for hub queues: a message that fails every attempt waits here for an operator. */
    public static final String DEAD_LETTER_ADDRESS = RouteJms.DEAD_LETTER_ADDRESS;

    /** Name of the participants' AMQP acceptor. */
    public static final String AMQP_ACCEPTOR = "participants-amqp";

    /** The CA certificate alone, for the acceptor's trust store; rewritten on each start from the CA in use. */
    static final String AMQP_TRUST_STORE_FILE = "amqp-truststore.p12";

    /**
     * The revocation-checking trust manager is a parameter so that it is installed before the broker starts: the
     * AMQP acceptor trusts through {@link HubTrustManagerFactoryPlugin}, which delegates to it, so a revoked or
     * expired certificate is refused on AMQP exactly as on HTTPS.
     */
    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(
            BrokerProperties broker,
            RouteProperties routes,
            ParticipantDirectory participants,
            HubCertificateAuthority ca,
            PkiProperties pki,
            SslBundles bundles,
            RevocationCheckingTrustManager revocationChecking,
            CertificateRegistry certificates,
            Clock clock) {
        return configuration -> {
            secure(configuration);
            // New connections meet the revocation check at the handshake; this closes those already open, and
            // those of an organisation no longer in the directory.
            configuration.registerBrokerPlugin(new ParticipantSessionCheck(
                    certificate -> certificates.isRevoked(certificate.getSerialNumber())
                                    || !certificate.getNotAfter().toInstant().isAfter(clock.instant())
                            ? Optional.empty()
                            : ParticipantSecurityManager.participantOf(participants, certificate),
                    broker.revocationSweepInterval().toMillis()));
            configuration.registerBrokerPlugin(
                    new AmqpReceiptForwarder(routes.mailboxQueuePrefix(), routes.amqpReceiptQueue()));
            if (broker.amqpEnabled()) {
                configuration.addAcceptorConfiguration(
                        amqpAcceptor(broker, ca, pki, bundles.getBundle(PkiConfiguration.SERVER_BUNDLE))
                                .transport());
                configuration.getOutgoingInterceptorClassNames().add(AmqpPresentation.class.getName());
                configuration.registerBrokerPlugin(new FhirContentType(permissions(routes)));
            }
            configuration.setJournalType(JournalType.NIO);
            configuration.setGlobalMaxSize(broker.globalMaxSize().toBytes());
            int timeoutNanos = Math.toIntExact(broker.journalBufferTimeout().toNanos());
            configuration.setJournalBufferTimeout_NIO(timeoutNanos);
            configuration.setJournalBufferTimeout_AIO(timeoutNanos);
            addressSettings(configuration, broker, routes);
            durableQueue(configuration, routes.intakeQueue());
            durableQueue(configuration, routes.dispatchSetAsideQueue());
            durableQueue(configuration, routes.amqpIntakeQueue());
            durableQueue(configuration, routes.amqpReceiptQueue());
            // The dead-letter address takes both routing types: the receipts' queue is anycast, and the queues the
            // embedded broker makes for other addresses' dead letters are multicast (its default).
            configuration.addAddressConfiguration(new CoreAddressConfiguration()
                    .setName(DEAD_LETTER_ADDRESS)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addRoutingType(RoutingType.MULTICAST));
            configuration.addQueueConfiguration(BrokerQueues.deadLetterQueue(routes.amqpReceiptQueue()));
            for (Participant participant : participants.all()) {
                durableQueue(
                        configuration, routes.mailboxQueue(participant.ods().value()));
                durableQueue(configuration, routes.replyQueue(participant.ods().value()));
            }
        };
    }

    /** What a participant may do on the broker, in this hub's queue names. */
    static ParticipantPermissions permissions(RouteProperties routes) {
        return new ParticipantPermissions(
                routes.mailboxQueuePrefix(), routes.replyQueuePrefix(), routes.amqpIntakeQueue());
    }

    /**
     * The hub's queues: a message failing every attempt goes to {@link #DEAD_LETTER_ADDRESS}; a rolled-back one comes
     * back after a delay that doubles, except on the intake queue. There a rolled-back message must come back at once,
     * at the head of the queue: Artemis sets a message waiting out its redelivery delay aside and delivers the next ones
     * meanwhile, message groups notwithstanding, so the patient's next message would be dispatched first and the
     * record store would then refuse the older one as stale (a notice to its sender instead of a delivery). A dispatch
     * rolls back only when the broker or the node fails (a message's own failure sets it aside, to the set-aside
     * queue, which keeps the delay), so an immediate redelivery loses nothing. The AMQP receipts queue never gives up:
     * a receipt is a participant's acknowledgement the audit must hold, recording it is idempotent, and a node rolls
     * one back only when it may pass (the database away, say), so it is tried again (at most a minute apart) until it
     * is recorded; one that never can be the node sends to {@code DLQ.hub.receipts.amqp} itself.
     * deploy/cluster/hub-address-settings.xml says the same to external brokers.
     */
    static void addressSettings(
            org.apache.activemq.artemis.core.config.Configuration configuration,
            BrokerProperties broker,
            RouteProperties routes) {
        configuration.addAddressSetting(
                "hub.#", hubQueues(broker, broker.redeliveryDelay().toMillis()));
        configuration.addAddressSetting(routes.intakeQueue(), hubQueues(broker, 0));
        configuration.addAddressSetting(
                routes.amqpReceiptQueue(),
                hubQueues(broker, broker.redeliveryDelay().toMillis()).setMaxDeliveryAttempts(-1));
    }

    private static AddressSettings hubQueues(BrokerProperties broker, long redeliveryDelayMillis) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(true)
                .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                .setRedeliveryDelay(redeliveryDelayMillis)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(broker.redeliveryDelay().toMillis() * 60);
    }

    private static void durableQueue(org.apache.activemq.artemis.core.config.Configuration configuration, String name) {
        configuration.addQueueConfiguration(BrokerQueues.anycast(name));
    }

    /**
     * Security on, with no caches: Artemis keys its authorisation cache by the user name a client offers, which
     * a certificate-authenticated participant chooses freely, and a cached authentication would outlive a
     * participant's removal. Each check is an in-memory lookup, so nothing is gained by caching.
     */
    private static void secure(org.apache.activemq.artemis.core.config.Configuration configuration) {
        configuration.setSecurityEnabled(true);
        configuration.setAuthenticationCacheSize(0);
        configuration.setAuthorizationCacheSize(0);
        configuration.setPopulateValidatedUser(true);
        configuration.registerBrokerPlugin(new ValidatedSenderStamp());
    }

    /**
     * The HTTPS connector's bundle, {@value PkiConfiguration#SERVER_BUNDLE}, as files, since Artemis reads its key
     * and trust stores by path: the same server certificate (its registration wrote {@code server.p12}) and the
     * bundle's trust store, rewritten on each start from the CA in use.
     */
    private static AmqpAcceptor amqpAcceptor(
            BrokerProperties broker, HubCertificateAuthority ca, PkiProperties pki, SslBundle server) {
        try {
            Path trustStore = pki.directory().resolve(AMQP_TRUST_STORE_FILE);
            KeyStore trust = Objects.requireNonNull(server.getStores().getTrustStore(), "server bundle trust store");
            writeTrustStore(trust, trustStore, pki.caPassword().toCharArray());
            return new AmqpAcceptor(
                    AMQP_ACCEPTOR,
                    broker.amqpHost(),
                    broker.amqpPort(),
                    ca.serverKeystorePath().toAbsolutePath().toString(),
                    trustStore.toAbsolutePath().toString(),
                    pki.caPassword(),
                    broker.amqpTrustManagerFactoryPlugin() != null
                            ? broker.amqpTrustManagerFactoryPlugin()
                            : HubTrustManagerFactoryPlugin.class.getName());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot prepare the AMQP acceptor's key and trust stores in " + pki.directory(), e);
        }
    }

    private static void writeTrustStore(KeyStore trust, Path file, char[] password) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), AMQP_TRUST_STORE_FILE, ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            trust.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + file, e);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Gives the embedded server the hub's security manager before Spring Boot starts it (Artemis would
     * otherwise use its JAAS manager, which knows neither the hub nor its participants).
     */
    @Bean
    static BeanPostProcessor brokerSecurityManager(
            ObjectProvider<ParticipantDirectory> participants, ObjectProvider<RouteProperties> routes) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ server) {
                    server.setSecurityManager(
                            new ParticipantSecurityManager(participants.getObject(), permissions(routes.getObject())));
                }
                return bean;
            }
        };
    }

    /**
     * The dispatch and AMQP receipt routes' listener container: batches of messages per JMS transaction
     * ({@link DispatchBatchContainer}).
     */
    @Bean(DispatchRoute.BATCH_CONTAINERS)
    MessageListenerContainerFactory dispatchBatchContainers(RouteProperties routes) {
        return DispatchBatchContainer.factory(routes.dispatchBatchSize());
    }

    /** The {@code jms} component of every route, with local JMS transactions (see {@link RouteJms} for why). */
    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        return RouteJms.component(connectionFactory);
    }
}
