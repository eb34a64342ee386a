package org.vanguard.hub.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.cli.HubCli;

/**
 * The certificate lifecycle against the running hub over real mutual TLS: who is refused at the handshake,
 * onboarding by CSR (admin API and CLI), revocation taking effect on the next connection, and expiry listing.
 */
public class CertificateLifecycleIT extends HubIntegrationTest {

    private static final char[] PASSWORD = "demo".toCharArray();

    @TempDir
    Path scratch;

    @Test
    @DisplayName("the demo participant's certificate completes the handshake (the control for the refusals below)")
    void validCertificateIsAccepted() throws Exception {
        assertThat(handshakeAndGet(readPkcs12(dataDir.resolve("pki/participants/CH001.p12"))))
                .startsWith("HTTP/1.1");
    }

    @Test
    @DisplayName("a connection without a client certificate is refused at the handshake")
    void noCertificateRefused() throws Exception {
        assertRefusedAtHandshake(null);
    }

    @Test
    @DisplayName("a certificate for the same ODS code from another CA is refused at the handshake")
    void otherCaRefused() throws Exception {
        HubCertificateAuthority other =
                HubCertificateAuthority.loadOrCreate(scratch.resolve("other"), PASSWORD, Clock.systemUTC());
        assertRefusedAtHandshake(other.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill", Duration.ofDays(30))
                .toPkcs12("participant", PASSWORD));
    }

    @Test
    @DisplayName(
            "an expired certificate from the hub's own issuing CA is refused; one issued the same way but current is accepted")
    void expiredRefused() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(60));
        HubCertificateAuthority past = HubCertificateAuthority.loadOrCreate(
                dataDir.resolve("pki"), PASSWORD, null, Clock.fixed(longAgo, ZoneOffset.UTC));
        KeyStore expired = past.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill", Duration.ofDays(30))
                .toPkcs12("participant", PASSWORD);
        HubCertificateAuthority now =
                HubCertificateAuthority.loadOrCreate(dataDir.resolve("pki"), PASSWORD, Clock.systemUTC());
        KeyStore current = now.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill", Duration.ofDays(30))
                .toPkcs12("participant", PASSWORD);

        assertRefusedAtHandshake(expired);
        assertThat(handshakeAndGet(current)).startsWith("HTTP/1.1");
    }

    @Test
    @DisplayName(
            "onboarding by CSR: the officer gets a chain bound to the path's ODS code, the participant can send with it; once revoked the next connection is refused and crl.pem lists it")
    void onboardSendRevoke() throws Exception {
        KeyPair key = newKeyPair();
        HttpResponse<String> issued = asOfficer()
                .post(
                        "/admin/participants/CH001/certificates",
                        "application/pkcs10",
                        csr("CN=G81001,2.5.4.97=G81001", key).getBytes(StandardCharsets.US_ASCII));

        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> type.startsWith("application/pem-certificate-chain"));
        X509Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(
                        new java.io.ByteArrayInputStream(issued.body().getBytes(StandardCharsets.US_ASCII)))
                .toArray(X509Certificate[]::new);
        assertThat(chain).hasSize(3);
        assertThat(chain[0].getPublicKey()).isEqualTo(key.getPublic());
        assertThat(CertificateIdentity.odsCodeOf(chain[0]))
                .as("the CSR's subject is ignored")
                .contains("CH001");
        assertThat(chain[2]).isEqualTo(readPem(caPem()));
        String serial = chain[0].getSerialNumber().toString(16);
        assertThat(issued.headers().firstValue("Location")).contains("/admin/certificates/" + serial);
        assertThat(asOfficer().get("/admin/certificates?ods=CH001").body()).contains(serial);

        Path keystore = writePkcs12(key, chain, scratch.resolve("CH001-new.p12"));
        org.vanguard.hub.HubClient connected = org.vanguard.hub.HubClient.of(keystore, caPem(), port);
        HttpResponse<String> sent = connected.post("/fhir/$process-message", FHIR_JSON, newDemoMessage());
        assertThat(sent.statusCode()).isEqualTo(200);
        awaitDispatched();

        HttpResponse<String> revoked = asOfficer()
                .post(
                        "/admin/certificates/" + serial + "/revoke",
                        "application/json",
                        "{\"reason\":\"keyCompromise\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"status\":\"revoked\"").contains("keyCompromise");

        assertRefusedAtHandshake(readPkcs12(keystore));
        long queued = messagesEverAddedTo("hub.intake.accepted");
        HttpResponse<String> overOldConnection = connected.post("/fhir/$process-message", FHIR_JSON, demoMessage());
        assertThat(overOldConnection.statusCode())
                .as("a connection or TLS session opened before the revocation")
                .isEqualTo(401);
        assertThat(overOldConnection.body()).contains("revoked");
        assertThat(messagesEverAddedTo("hub.intake.accepted")).isEqualTo(queued);
        assertThat(handshakeAndGet(readPkcs12(dataDir.resolve("pki/participants/CH001.p12"))))
                .as("the participant's other certificate still works")
                .startsWith("HTTP/1.1");
        X509CRL crl;
        try (InputStream in = Files.newInputStream(dataDir.resolve("pki/crl.pem"))) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        crl.verify(chain[1].getPublicKey());
        assertThat(crl.getRevokedCertificate(new BigInteger(serial, 16))).isNotNull();
        assertThat(jdbc.queryForObject(
                        "select revocation_reason from issued_certificate where serial = ?", String.class, serial))
                .isEqualTo("keyCompromise");
    }

    @Test
    @DisplayName(
            "the csr command generates a key, has the hub issue its certificate and writes a keystore that the participant can use")
    void cliCsr() throws Exception {
        Path out = scratch.resolve("RAC.p12");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = HubCli.run(
                new String[] {
                    "csr",
                    "--ods",
                    "RAC",
                    "--hub",
                    "https://localhost:" + port,
                    "--officer-keystore",
                    dataDir.resolve("pki/officers/ig-officer.p12").toString(),
                    "--ca",
                    caPem().toString(),
                    "--out",
                    out.toString(),
                    "--password",
                    "demo"
                },
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("wrote " + out);
        X509Certificate issued = (X509Certificate) readPkcs12(out).getCertificate("participant");
        assertThat(CertificateIdentity.odsCodeOf(issued)).contains("RAC");
        assertThat(handshakeAndGet(readPkcs12(out))).startsWith("HTTP/1.1");
        assertThat(jdbc.queryForObject(
                        "select count(*) from issued_certificate where serial = ? and ods_code = 'RAC'",
                        Integer.class,
                        issued.getSerialNumber().toString(16)))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("the csr command reports the hub's refusal (unknown participant) and writes nothing")
    void cliCsrRefused() throws Exception {
        Path out = scratch.resolve("NOPE1.p12");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = HubCli.run(
                new String[] {
                    "csr",
                    "--ods",
                    "NOPE1",
                    "--hub",
                    "https://localhost:" + port,
                    "--officer-keystore",
                    dataDir.resolve("pki/officers/ig-officer.p12").toString(),
                    "--ca",
                    caPem().toString(),
                    "--out",
                    out.toString()
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("404").contains("NOPE1");
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName(
            "a bad CSR, a CSR whose signature does not verify, an unknown participant and a participant caller are each a 4xx OperationOutcome")
    void onboardingRefusals() throws Exception {
        HttpResponse<String> garbage = asOfficer()
                .post(
                        "/admin/participants/CH001/certificates",
                        "application/pkcs10",
                        "not a csr".getBytes(StandardCharsets.US_ASCII));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("OperationOutcome").contains("CERTIFICATE REQUEST");

        String tampered = tamper(csr("CN=CH001", newKeyPair()));
        HttpResponse<String> forged = asOfficer()
                .post(
                        "/admin/participants/CH001/certificates",
                        "application/pkcs10",
                        tampered.getBytes(StandardCharsets.US_ASCII));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("OperationOutcome");

        HttpResponse<String> unknown = asOfficer()
                .post(
                        "/admin/participants/ZZ999/certificates",
                        "application/pkcs10",
                        csr("CN=ZZ999", newKeyPair()).getBytes(StandardCharsets.US_ASCII));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("OperationOutcome").contains("ZZ999");

        HttpResponse<String> participant = as("CH001")
                .post(
                        "/admin/participants/CH001/certificates",
                        "application/pkcs10",
                        csr("CN=CH001", newKeyPair()).getBytes(StandardCharsets.US_ASCII));
        assertThat(participant.statusCode()).isEqualTo(403);

        HttpResponse<String> badReason = asOfficer()
                .post(
                        "/admin/certificates/abc/revoke",
                        "application/json",
                        "{\"reason\":\"bored\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(badReason.body()).contains("keyCompromise");
        HttpResponse<String> noSuch = asOfficer()
                .post(
                        "/admin/certificates/abc/revoke",
                        "application/json",
                        "{\"reason\":\"superseded\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(noSuch.statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject(
                        "select count(*) from issued_certificate where ods_code = 'ZZ999'", Integer.class))
                .isZero();
    }

    @Test
    @DisplayName("the registry lists what the hub issued at start, and expiring-within selects by the window")
    void expiryListing() throws Exception {
        String all = asOfficer().get("/admin/certificates").body();
        assertThat(all)
                .contains("\"kind\":\"participant\"")
                .contains("\"kind\":\"officer\"")
                .contains("\"kind\":\"server\"");

        String withinLongWindow =
                asOfficer().get("/admin/certificates?expiring-within=P400D").body();
        assertThat(withinLongWindow).contains("\"odsCode\":\"G81001\"");
        String withinOneDay =
                asOfficer().get("/admin/certificates?expiring-within=P1D").body();
        assertThat(withinOneDay).doesNotContain("G81001");

        HttpResponse<String> bad = asOfficer().get("/admin/certificates?expiring-within=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("expiring-within");
    }

    private void assertRefusedAtHandshake(KeyStore clientKeys) {
        assertThatThrownBy(() -> handshakeAndGet(clientKeys))
                .isInstanceOfAny(SSLException.class, SocketException.class);
    }

    /** Handshakes over a raw TLS socket and sends one GET; returns the status line. */
    private String handshakeAndGet(KeyStore clientKeys) throws Exception {
        SSLContext context = MutualTls.bundle(clientKeys, PASSWORD, MutualTls.trustStore(caPem()))
                .createSslContext();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.getOutputStream()
                    .write("GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (line == null) {
                throw new SocketException("connection closed without a response");
            }
            return line;
        }
    }

    private static X509Certificate readPem(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static KeyStore readPkcs12(Path file) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }

    private static Path writePkcs12(KeyPair key, X509Certificate[] chain, Path file) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("participant", key.getPrivate(), PASSWORD, chain);
        try (var out = Files.newOutputStream(file)) {
            keyStore.store(out, PASSWORD);
        }
        return file;
    }

    public static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    public static String csr(String subject, KeyPair key) throws Exception {
        var request = new JcaPKCS10CertificationRequestBuilder(
                        new org.bouncycastle.asn1.x500.X500Name(subject), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(new BouncyCastleProvider())
                        .build(key.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(request);
        }
        return pem.toString();
    }

    /** Flips one bit in the CSR's signed subject so the signature no longer verifies. */
    private static String tamper(String pem) throws Exception {
        var request = new org.bouncycastle.pkcs.PKCS10CertificationRequest(
                java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
        byte[] der = request.getEncoded();
        byte[] subject = request.getSubject().getEncoded();
        int at = indexOf(der, subject) + subject.length - 1;
        der[at] ^= 0x01;
        return "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("subject not found in CSR");
    }
}
