package org.vanguard.hub.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;

/**
 * Makes the demo PKI on first start (CA, server certificate, one client certificate per participant and
 * one for the demo IG officer) and registers the server's TLS bundle, {@value #SERVER_BUNDLE}, that
 * Tomcat uses with client authentication required: only certificates from the hub's CA get in.
 */
@Configuration(proxyBeanMethods = false)
public class PkiConfiguration {

    /** Name of the SSL bundle the HTTPS connector uses ({@code server.ssl.bundle}). */
    public static final String SERVER_BUNDLE = "hub-server";

    /** The demo IG officer's keystore file name under {@code officers/}. */
    public static final String DEMO_OFFICER_FILE = "ig-officer.p12";

    private static final Logger log = LoggerFactory.getLogger(PkiConfiguration.class);

    @Bean
    HubCertificateAuthority hubCertificateAuthority(PkiProperties pki, ParticipantDirectory participants, Clock clock)
            throws IOException {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki.directory(), pki.caPassword().toCharArray(), clock);
        Files.createDirectories(pki.participantsDirectory());
        Files.createDirectories(pki.officersDirectory());
        for (Participant participant : participants.all()) {
            if (ca.ensureParticipantKeystore(pki.participantsDirectory(), participant.ods().value(), participant.name(),
                    pki.participantValidity(), pki.participantPassword().toCharArray())) {
                log.info("Issued a client certificate for {} ({}) at {}", participant.ods(), participant.name(),
                        HubCertificateAuthority.participantKeystorePath(pki.participantsDirectory(), participant.ods().value()));
            }
        }
        if (ca.ensureOfficerKeystore(pki.officersDirectory().resolve(DEMO_OFFICER_FILE), "Demo IG Officer",
                pki.participantValidity(), pki.participantPassword().toCharArray())) {
            log.info("Issued the demo IG officer's client certificate at {}", pki.officersDirectory().resolve(DEMO_OFFICER_FILE));
        }
        return ca;
    }

    @Bean
    SslBundleRegistrar hubServerBundle(HubCertificateAuthority ca, PkiProperties pki) {
        return registry -> {
            try {
                KeyStore keyStore = ca.loadOrCreateServerKeyStore(pki.serverDnsNames(), pki.serverIpAddresses(),
                        pki.caPassword().toCharArray());
                registry.registerBundle(SERVER_BUNDLE,
                        SslBundle.of(SslStoreBundle.of(keyStore, pki.caPassword(), ca.trustStore())));
            } catch (IOException e) {
                throw new IllegalStateException("cannot prepare the server keystore in " + pki.directory(), e);
            }
        };
    }
}
