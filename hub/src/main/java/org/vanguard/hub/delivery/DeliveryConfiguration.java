package org.vanguard.hub.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.mailbox.MailboxService;
import org.vanguard.hub.pki.HubCertificateAuthority;
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
     * Mutual TLS as a Spring SSL bundle: the hub's client credential (issued by its own CA on first use) as
     * key material; the hub's CA and any configured extra CAs as the only trust anchors.
     */
    @Bean
    PushClient pushClient(HubCertificateAuthority ca, PkiProperties pki, DeliveryProperties delivery) throws IOException {
        KeyStore keys = ca.loadOrCreateHubClientKeyStore(pki.participantValidity(), pki.caPassword().toCharArray());
        KeyStore trust = ca.trustStore();
        addExtraTrust(trust, delivery);
        SslBundle bundle = SslBundle.of(SslStoreBundle.of(keys, pki.caPassword(), trust));
        HttpClient http = HttpClient.newBuilder()
                .sslContext(bundle.createSslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(delivery.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new PushClient(http, delivery.requestTimeout());
    }

    private static void addExtraTrust(KeyStore trust, DeliveryProperties delivery) throws IOException {
        int n = 0;
        for (Path pem : delivery.extraTrust()) {
            try (InputStream in = Files.newInputStream(pem)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("extra-" + n++, certificate);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("hub.delivery.extra-trust: cannot read CA certificates from " + pem, e);
            }
        }
    }

    @Bean
    PushDelivery pushDelivery(JdbcPushEndpoints endpoints, PushClient client, DeliveryRecheck recheck,
            JdbcDeliveryLedger ledger) {
        return new PushDelivery(endpoints, client, recheck, ledger);
    }

    @Bean
    MailboxDrop mailboxDrop(ProducerTemplate producer, RouteProperties routes) {
        return new MailboxDrop(producer, routes);
    }

    @Bean
    DeadLettering deadLettering(JdbcDeadLetters deadLetters, JdbcDeliveryLedger ledger, DeliverySigner signer,
            MailboxDrop drop, TimeToLive timeToLive, Clock clock) {
        return new DeadLettering(deadLetters, ledger, new NonDeliveryNotices(signer), drop, timeToLive, clock);
    }

    @Bean
    Acknowledgements acknowledgements(MailboxService mailboxes, JdbcDeliveryLedger ledger, DeadLettering deadLettering,
            ParticipantDirectory participants, Clock clock) {
        return new Acknowledgements(mailboxes, ledger, deadLettering, participants, clock);
    }

    @Bean
    PushRoutes pushRoutes(CamelContext camel) {
        return new PushRoutes(camel);
    }

    /** Endpoints registered before a restart are pushed to again once the hub is up. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> startRegisteredPushRoutes(JdbcPushEndpoints endpoints, PushRoutes routes) {
        return event -> {
            for (OdsCode participant : endpoints.registered()) {
                routes.start(participant);
                log.info("Pushing deliveries for {} to its registered endpoint", participant);
            }
        };
    }
}
