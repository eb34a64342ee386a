package org.vanguard.hub.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.mailbox.MailboxService;
import org.vanguard.hub.pki.HubCertificateAuthority;
import org.vanguard.hub.pki.MutualTls;
import org.vanguard.hub.pki.PkiConfiguration;
import org.vanguard.hub.pki.PkiProperties;
import org.vanguard.routes.RouteProperties;
import org.vanguard.routes.delivery.Acknowledgements;
import org.vanguard.routes.delivery.DeadLettering;
import org.vanguard.routes.delivery.DeliveryProperties;
import org.vanguard.routes.delivery.MailboxDrop;
import org.vanguard.routes.delivery.NonDeliveryNotices;
import org.vanguard.routes.delivery.PushClient;
import org.vanguard.routes.delivery.PushDelivery;
import org.vanguard.routes.delivery.PushRoutes;
import org.vanguard.routes.delivery.TimeToLive;
import org.vanguard.routes.dispatch.DeliveryRecheck;
import org.vanguard.routes.dispatch.DeliverySigner;

/**
 * Wires push delivery: the JDK HTTP client with the hub's client certificate and the trusted CAs, the
 * delivery classes of the routes module, and a push route for every endpoint registered before this start.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean
    TimeToLive timeToLive(DeliveryProperties delivery, Clock clock) {
        return new TimeToLive(delivery.timeToLive(), clock);
    }

    /**
     * The hub's client side of mutual TLS, registered as the SSL bundle {@value PkiConfiguration#CLIENT_BUNDLE}:
     * the hub's client credential (issued by its own CA on first use) as key material; the hub's CA and any
     * configured extra CAs ({@code hub.delivery.extra-trust}) as the only trust anchors.
     */
    @Bean
    SslBundleRegistrar hubClientBundle(HubCertificateAuthority ca, PkiProperties pki, DeliveryProperties delivery) {
        return registry -> {
            try {
                char[] password = pki.caPassword().toCharArray();
                KeyStore trust = ca.trustStore();
                for (Path pem : delivery.extraTrust()) {
                    MutualTls.addTrusted(trust, pem, "extra-" + pem.getFileName() + "-");
                }
                registry.registerBundle(
                        PkiConfiguration.CLIENT_BUNDLE,
                        MutualTls.bundle(
                                ca.loadOrCreateHubClientKeyStore(pki.participantValidity(), password),
                                password,
                                trust));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot prepare the hub's client TLS bundle (hub.delivery.extra-trust: " + delivery.extraTrust()
                                + ")",
                        e);
            }
        };
    }

    @Bean
    PushClient pushClient(SslBundles bundles, DeliveryProperties delivery) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(bundles.getBundle(PkiConfiguration.CLIENT_BUNDLE).createSslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(delivery.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new PushClient(http, delivery.requestTimeout());
    }

    @Bean
    PushDelivery pushDelivery(
            JdbcPushEndpoints endpoints, PushClient client, DeliveryRecheck recheck, JdbcDeliveryLedger ledger) {
        return new PushDelivery(endpoints, client, recheck, ledger);
    }

    @Bean
    MailboxDrop mailboxDrop(ProducerTemplate producer, RouteProperties routes) {
        return new MailboxDrop(producer, routes);
    }

    @Bean
    DeadLettering deadLettering(
            JdbcDeadLetters deadLetters,
            JdbcDeliveryLedger ledger,
            DeliverySigner signer,
            MailboxDrop drop,
            TimeToLive timeToLive,
            Clock clock) {
        return new DeadLettering(deadLetters, ledger, new NonDeliveryNotices(signer), drop, timeToLive, clock);
    }

    @Bean
    Acknowledgements acknowledgements(
            MailboxService mailboxes,
            JdbcDeliveryLedger ledger,
            DeadLettering deadLettering,
            ParticipantDirectory participants,
            Clock clock) {
        return new Acknowledgements(mailboxes, ledger, deadLettering, participants, clock);
    }

    @Bean
    PushRoutes pushRoutes(CamelContext camel) {
        return new PushRoutes(camel);
    }

    /** Endpoints registered before a restart are pushed to again once the hub is up. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> startRegisteredPushRoutes(
            JdbcPushEndpoints endpoints, PushRoutes routes) {
        return event -> {
            for (OdsCode participant : endpoints.registered()) {
                routes.start(participant);
                log.info("Pushing deliveries for {} to its registered endpoint", participant);
            }
        };
    }
}
