package org.vanguard.hub.pki;

import java.io.IOException;
import java.security.KeyStore;
import java.time.Clock;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the PKI on first start (root and issuing CA, server certificate, each certificate recorded in the
 * registry; the demo's client certificates are {@link org.vanguard.hub.demo.DemoCredentials}) and registers the
 * server's TLS bundle, {@value #SERVER_BUNDLE}, that Tomcat uses with client authentication required: only
 * unrevoked, unexpired certificates chaining to the hub's root get in.
 */
@Configuration(proxyBeanMethods = false)
public class PkiConfiguration {

    /** Name of the SSL bundle the HTTPS connector uses ({@code server.ssl.bundle}), and the AMQP acceptor too. */
    public static final String SERVER_BUNDLE = "hub-server";

    /** Name of the SSL bundle the hub presents as a client, when it pushes deliveries to participants. */
    public static final String CLIENT_BUNDLE = "hub-client";

    /** The demo IG officer's keystore file name under {@code officers/}. */
    public static final String DEMO_OFFICER_FILE = "ig-officer.p12";

    @Bean
    CertificateRegistry certificateRegistry(JdbcTemplate jdbc, Clock clock) {
        return new CertificateRegistry(jdbc, clock);
    }

    @Bean
    HubCertificateAuthority hubCertificateAuthority(PkiProperties pki, Clock clock, CertificateRegistry registry)
            throws IOException {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(
                pki.directory(), pki.caPassword().toCharArray(), pki.importIssuingKeystore(), clock);
        ca.onIssue(registry::record);
        return ca;
    }

    /** Writes {@code crl.pem} at start, so it exists (and is fresh) even before the first revocation. */
    @Bean
    CertificateRevocations certificateRevocations(
            HubCertificateAuthority ca, CertificateRegistry registry, PkiProperties pki) {
        CertificateRevocations revocations = new CertificateRevocations(ca, registry, pki.crlValidity());
        revocations.publishCrl();
        return revocations;
    }

    @Bean
    CsrOnboarding csrOnboarding(HubCertificateAuthority ca, PkiProperties pki) {
        return new CsrOnboarding(ca, pki.participantValidity());
    }

    /** Installed globally so that TLS stacks which build trust managers by class name reach this one. */
    @Bean
    RevocationCheckingTrustManager revocationCheckingTrustManager(
            HubCertificateAuthority ca, CertificateRegistry registry) {
        RevocationCheckingTrustManager trustManager =
                new RevocationCheckingTrustManager(ca.trustStore(), intermediates(ca), registry::isRevoked);
        RevocationCheckingTrustManager.install(trustManager);
        return trustManager;
    }

    /** The CA certificates below the root, from which a peer's leaf-only chain is completed. */
    private static java.util.List<java.security.cert.X509Certificate> intermediates(HubCertificateAuthority ca) {
        return ca.caChain().stream()
                .filter(certificate -> !certificate.equals(ca.certificate()))
                .toList();
    }

    /**
     * Tomcat builds its TLS context from the bundle's key and trust stores, not from an SslBundle's managers, so
     * the revocation check is put in by class name: Tomcat instantiates it (no-argument constructor) and it
     * delegates to the trust manager installed above. Runs after Spring Boot has applied the SSL bundle.
     */
    @Bean
    TomcatConnectorCustomizer revocationCheckingConnector(RevocationCheckingTrustManager installed) {
        return connector -> {
            for (SSLHostConfig host : connector.findSslHostConfigs()) {
                host.setTrustManagerClassName(RevocationCheckingTrustManager.class.getName());
            }
        };
    }

    @Bean
    SslBundleRegistrar hubServerBundle(HubCertificateAuthority ca, PkiProperties pki) {
        return registry -> {
            try {
                KeyStore keyStore = ca.loadOrCreateServerKeyStore(
                        pki.serverDnsNames(),
                        pki.serverIpAddresses(),
                        pki.caPassword().toCharArray());
                registry.registerBundle(
                        SERVER_BUNDLE,
                        MutualTls.bundle(keyStore, pki.caPassword().toCharArray(), ca.trustStore()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot prepare the server keystore in " + pki.directory(), e);
            }
        };
    }
}
