package org.vanguard.hub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.pki.HubCertificateAuthority;
import org.vanguard.hub.pki.PkiConfiguration;
import org.vanguard.hub.pki.PkiProperties;

/**
 * Issues, on first start of the demo, a client certificate and key for every participant of the demo vanguard
 * ({@code participants/<ODS>.p12}) and one for the demo IG officer ({@code officers/ig-officer.p12}), so that a
 * fresh checkout can send its first message at once. Existing files are left alone: they may have been handed out.
 * Only in the demo profile: a real participant keeps its own private key and is onboarded from its CSR.
 */
@Component
@Profile("demo")
public class DemoCredentials {

    private static final Logger log = LoggerFactory.getLogger(DemoCredentials.class);

    public DemoCredentials(HubCertificateAuthority ca, PkiProperties pki, ParticipantDirectory participants) {
        try {
            Files.createDirectories(pki.participantsDirectory());
            Files.createDirectories(pki.officersDirectory());
            for (Participant participant : participants.all()) {
                if (ca.ensureParticipantKeystore(
                        pki.participantsDirectory(),
                        participant.ods(),
                        participant.name(),
                        pki.participantValidity(),
                        pki.participantPassword().toCharArray())) {
                    log.info(
                            "Issued a client certificate for {} ({}) at {}",
                            participant.ods(),
                            participant.name(),
                            HubCertificateAuthority.participantKeystorePath(
                                    pki.participantsDirectory(), participant.ods()));
                }
            }
            Path officer = pki.officersDirectory().resolve(PkiConfiguration.DEMO_OFFICER_FILE);
            if (ca.ensureOfficerKeystore(
                    officer,
                    "Demo IG Officer",
                    pki.participantValidity(),
                    pki.participantPassword().toCharArray())) {
                log.info("Issued the demo IG officer's client certificate at {}", officer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo credentials under " + pki.directory(), e);
        }
    }
}
