package org.vanguard.hub.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.governance.participant.OdsCode;

class HubCertificateAuthorityTests {

    private static final char[] PASSWORD = "demo".toCharArray();
    private static final Instant FIRST_START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(FIRST_START, ZoneOffset.UTC);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path pki;

    @Test
    @DisplayName("The CA is created on first start and loaded unchanged, private key included, on the next start")
    void caSurvivesRestart() throws Exception {
        HubCertificateAuthority first = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);
        Clock later = Clock.fixed(FIRST_START.plus(Duration.ofDays(40)), ZoneOffset.UTC);

        HubCertificateAuthority second = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, later);

        assertThat(pki.resolve("ca.p12")).isRegularFile();
        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.certificate().getPublicKey())
                .isEqualTo(first.certificate().getPublicKey());
        X509Certificate issuedAfterRestart = second.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(30))
                .certificate();
        issuedAfterRestart.verify(first.issuingCertificate().getPublicKey());
        assertThat(second.issuingCertificate()).isEqualTo(first.issuingCertificate());
    }

    @Test
    @DisplayName("The CA is a self-signed P-256 root valid for ten years, backdated one hour for clock skew")
    void caCertificateProfile() throws Exception {
        X509Certificate ca =
                HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK).certificate();

        ca.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Vanguard Hub Demo CA,O=Vanguard Hub,C=GB");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getKeyUsage()[0]).as("digitalSignature").isFalse();
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(ca.getNonCriticalExtensionOIDs()).contains("2.5.29.14");
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(FIRST_START.minus(Duration.ofHours(1)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-03-01T09:00:00Z"));
    }

    @Test
    @DisplayName("ca.pem holds exactly the CA certificate, for curl --cacert")
    void caPemMatchesCertificate() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);

        assertThat(ca.caPemPath()).isEqualTo(pki.resolve("ca.pem"));
        assertThat(Files.readString(ca.caPemPath())).startsWith("-----BEGIN CERTIFICATE-----");
        try (InputStream in = Files.newInputStream(ca.caPemPath())) {
            List<Certificate> certificates =
                    List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            assertThat(certificates).containsExactly(ca.certificate());
        }
    }

    @Test
    @DisplayName("A CA keystore that cannot be opened with the given password fails the start and is never replaced")
    void wrongPasswordNeverReplacesTheCa() throws Exception {
        HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);
        byte[] original = Files.readAllBytes(pki.resolve("ca.p12"));

        assertThatThrownBy(() -> HubCertificateAuthority.loadOrCreate(pki, "wrong".toCharArray(), CLOCK))
                .isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(pki.resolve("ca.p12"))).isEqualTo(original);
    }

    @Test
    @DisplayName(
            "A participant certificate is signed by the CA, is for client authentication and names its ODS code as organizationIdentifier")
    void participantCertificateProfile() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);

        IssuedCredential credential = ca.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(365));

        X509Certificate certificate = credential.certificate();
        certificate.verify(ca.issuingCertificate().getPublicKey());
        assertThat(credential.issuer()).isEqualTo(ca.issuingCertificate());
        assertThat(certificate.getIssuerX500Principal())
                .isEqualTo(ca.issuingCertificate().getSubjectX500Principal());
        assertThat(certificate.getSubjectX500Principal().getName())
                .startsWith("CN=CH001,")
                .contains("2.5.4.97=")
                .endsWith(",O=Chapel Hill Surgery,C=GB");
        assertThat(CertificateIdentity.odsCodeOf(certificate)).contains("CH001");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.15");
        assertThat(certificate.getNonCriticalExtensionOIDs()).contains("2.5.29.35");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isEqualTo(128);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(FIRST_START.plus(Duration.ofDays(365)));
    }

    @Test
    @DisplayName("A participant certificate never outlives the CA that signed it")
    void participantValidityCappedByCa() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);

        X509Certificate certificate = ca.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(36500))
                .certificate();

        assertThat(certificate.getNotAfter()).isEqualTo(ca.issuingCertificate().getNotAfter());
    }

    @Test
    @DisplayName("A participant keystore is written once with its chain and left alone on later starts")
    void participantKeystoreWrittenOnce() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);
        Path participants = pki.resolve("participants");

        boolean createdFirst = ca.ensureParticipantKeystore(
                participants, OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(365), PASSWORD);
        byte[] written = Files.readAllBytes(participants.resolve("CH001.p12"));
        boolean createdAgain = ca.ensureParticipantKeystore(
                participants, OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(365), PASSWORD);

        assertThat(createdFirst).isTrue();
        assertThat(createdAgain).isFalse();
        assertThat(Files.readAllBytes(participants.resolve("CH001.p12"))).isEqualTo(written);
        assertThat(participants)
                .isDirectoryContaining(path -> path.getFileName().toString().equals("CH001.p12"));
        try (var files = Files.list(participants)) {
            assertThat(files).as("no temporary files left behind").hasSize(1);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(participants.resolve("CH001.p12"))) {
            keyStore.load(in, PASSWORD);
        }
        assertThat(keyStore.isKeyEntry("participant")).isTrue();
        Certificate[] chain = keyStore.getCertificateChain("participant");
        assertThat(chain).hasSize(2);
        assertThat(chain[1]).isEqualTo(ca.issuingCertificate());
        assertThat(CertificateIdentity.odsCodeOf((X509Certificate) chain[0])).contains("CH001");
    }

    @Test
    @DisplayName(
            "An ODS code that is not alphanumeric is refused, so it can never name a file outside the participants directory")
    void odsCodeMustBeAlphanumeric() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);

        assertThatThrownBy(() -> ca.ensureParticipantKeystore(
                        pki.resolve("participants"), OdsCode.of("../ca"), "Mallory", Duration.ofDays(1), PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pki.resolve("participants")).doesNotExist();
    }

    @Test
    @DisplayName(
            "A participant certificate names the ODS code as governance reads it: upper case, whatever case it was given in")
    void odsCodeIsGovernancesRule() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);

        X509Certificate certificate = ca.issuer()
                .issueParticipantCredential(OdsCode.of("ch001"), "Chapel Hill Surgery", Duration.ofDays(1))
                .certificate();

        assertThat(CertificateIdentity.odsCodeOf(certificate)).contains("CH001");
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=CH001");
        assertThat(OdsCode.of(CertificateIdentity.odsCodeOf(certificate).orElseThrow()))
                .isEqualTo(OdsCode.of("CH001"));
    }

    @Test
    @DisplayName("The server certificate names localhost and 127.0.0.1 in its SAN and is for server authentication")
    void serverCertificateProfile() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);

        X509Certificate certificate = ca.issuer()
                .issueServerCredential(List.of("localhost"), List.of("127.0.0.1"))
                .certificate();

        certificate.verify(ca.issuingCertificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,O=Vanguard Hub,C=GB");
        assertThat(certificate.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(FIRST_START.plus(Duration.ofDays(730)));
    }

    @Test
    @DisplayName("The server keystore is reused on restart and reissued when the hub's names change")
    void serverKeystoreReusedUntilNamesChange() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);

        KeyStore first = ca.loadOrCreateServerKeyStore(List.of("localhost"), List.of("127.0.0.1"), PASSWORD);
        KeyStore restarted = ca.loadOrCreateServerKeyStore(List.of("localhost"), List.of("127.0.0.1"), PASSWORD);
        KeyStore renamed = ca.loadOrCreateServerKeyStore(List.of("hub.example"), List.of("127.0.0.1"), PASSWORD);

        assertThat(ca.serverKeystorePath()).isEqualTo(pki.resolve("server.p12")).isRegularFile();
        assertThat(restarted.getCertificate("hub-server")).isEqualTo(first.getCertificate("hub-server"));
        assertThat(renamed.getCertificate("hub-server")).isNotEqualTo(first.getCertificate("hub-server"));
        assertThat(((X509Certificate) renamed.getCertificate("hub-server")).getSubjectAlternativeNames())
                .contains(List.of(2, "hub.example"));
    }

    @Test
    @DisplayName("A server keystore signed by a previous CA is reissued, because clients trust only the current one")
    void serverKeystoreReissuedForNewCa() throws Exception {
        HubCertificateAuthority oldCa = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);
        oldCa.loadOrCreateServerKeyStore(List.of("localhost"), List.of(), PASSWORD);
        Files.delete(pki.resolve("ca.p12"));
        Files.delete(pki.resolve("issuing-ca.p12"));
        Files.delete(pki.resolve("ca.pem"));
        HubCertificateAuthority newCa = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);

        KeyStore server = newCa.loadOrCreateServerKeyStore(List.of("localhost"), List.of(), PASSWORD);

        server.getCertificate("hub-server").verify(newCa.issuingCertificate().getPublicKey());
    }

    @Test
    @DisplayName(
            "The issuing CA is signed by the root, may sign only end-entity certificates and never outlives the root")
    void issuingCaProfile() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);
        X509Certificate issuing = ca.issuingCertificate();

        issuing.verify(ca.certificate().getPublicKey());
        assertThat(issuing.getBasicConstraints()).isZero();
        assertThat(issuing.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(issuing.getNotAfter()).isBeforeOrEqualTo(ca.certificate().getNotAfter());
        assertThat(ca.caChain()).containsExactly(issuing, ca.certificate());
    }

    @Test
    @DisplayName(
            "An issuing CA imported from a PKCS#12 file is used instead of generating one, and its root becomes ca.pem")
    void issuingCaImported(@org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
        HubCertificateAuthority.loadOrCreate(elsewhere, PASSWORD, CLOCK);
        HubCertificateAuthority imported =
                HubCertificateAuthority.loadOrCreate(pki, PASSWORD, elsewhere.resolve("issuing-ca.p12"), CLOCK);
        HubCertificateAuthority original = HubCertificateAuthority.loadOrCreate(elsewhere, PASSWORD, CLOCK);

        assertThat(imported.issuingCertificate()).isEqualTo(original.issuingCertificate());
        assertThat(imported.certificate()).isEqualTo(original.certificate());
        assertThat(pki.resolve("ca.p12"))
                .as("the root's key is not needed, nor copied")
                .doesNotExist();
        try (InputStream in = Files.newInputStream(pki.resolve("ca.pem"))) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in))
                    .isEqualTo(original.certificate());
        }
        imported.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(1))
                .certificate()
                .verify(original.issuingCertificate().getPublicKey());
    }

    @Test
    @DisplayName("Importing a file whose key is not a CA's is refused")
    void importOfNonCaRefused(@org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(elsewhere, PASSWORD, CLOCK);
        Path leaf = elsewhere.resolve("leaf.p12");
        ca.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(1))
                .writePkcs12(leaf, "x", PASSWORD);

        assertThatThrownBy(() -> HubCertificateAuthority.loadOrCreate(pki, PASSWORD, leaf, CLOCK))
                .isInstanceOf(IOException.class);
        assertThat(pki.resolve("issuing-ca.p12")).doesNotExist();
    }

    @Test
    @DisplayName("The CRL is signed by the issuing CA and lists each revoked serial with its date and reason")
    void crlListsRevoked() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, CLOCK);
        X509Certificate revoked = ca.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(30))
                .certificate();

        ca.writeCrl(
                List.of(new RevokedCertificate(
                        revoked.getSerialNumber(), FIRST_START, RevocationReason.KEY_COMPROMISE)),
                Duration.ofDays(7));

        java.security.cert.X509CRL crl;
        try (InputStream in = Files.newInputStream(ca.crlPath())) {
            crl = (java.security.cert.X509CRL)
                    CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        crl.verify(ca.issuingCertificate().getPublicKey());
        assertThat(crl.isRevoked(revoked)).isTrue();
        assertThat(crl.getRevokedCertificate(revoked).getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(FIRST_START.plus(Duration.ofDays(7)));
    }
}
