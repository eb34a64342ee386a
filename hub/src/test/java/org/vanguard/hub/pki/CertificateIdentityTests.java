package org.vanguard.hub.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.governance.participant.OdsCode;

class CertificateIdentityTests {

    @TempDir
    Path pki;

    private HubCertificateAuthority ca;

    @BeforeEach
    void createCa() throws Exception {
        ca = HubCertificateAuthority.loadOrCreate(pki, "demo".toCharArray(), Clock.systemUTC());
    }

    @Test
    @DisplayName("The calling organisation is the organizationIdentifier in its certificate subject")
    void odsCodeFromOrganizationIdentifier() {
        var certificate = ca.issuer()
                .issueParticipantCredential(OdsCode.of("RX1"), "Example Acute Trust", Duration.ofDays(30))
                .certificate();

        assertThat(CertificateIdentity.odsCodeOf(certificate)).contains("RX1");
    }

    @Test
    @DisplayName("A certificate without organizationIdentifier identifies no organisation, whatever its CN says")
    void noOrganizationIdentifierMeansNoOrganisation() {
        var serverCertificate =
                ca.issuer().issueServerCredential(List.of("CH001"), List.of()).certificate();

        assertThat(CertificateIdentity.odsCodeOf(serverCertificate)).isEmpty();
        assertThat(CertificateIdentity.odsCodeOf(ca.certificate())).isEmpty();
    }
}
