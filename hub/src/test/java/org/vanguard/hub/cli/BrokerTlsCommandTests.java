package org.vanguard.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.pki.HubCertificateAuthority;
import org.vanguard.hub.pki.IssuedCredential;

class BrokerTlsCommandTests {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return HubCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static KeyStore load(Path file) throws Exception {
        return load(file, "demo".toCharArray());
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    @Test
    @DisplayName("a broker's server certificate from a CA made for the hub, which a hub started later adopts")
    void issuesFromTheHubCa() throws Exception {
        Path pki = directory.resolve("pki");
        Path tls = directory.resolve("broker-tls");

        assertThat(run("broker-tls", "--pki", pki.toString(), "--out", tls.toString(), "--dns", "localhost,broker-1"))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();

        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, "demo".toCharArray(), Clock.systemUTC());
        KeyStore keyStore = load(tls.resolve("broker.p12"));
        Certificate[] chain = keyStore.getCertificateChain("broker");
        X509Certificate leaf = (X509Certificate) chain[0];
        leaf.verify(ca.issuingCertificate().getPublicKey());
        assertThat(chain[1]).isEqualTo(ca.issuingCertificate());
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        // (type, value): 2 is a dNSName, 7 an iPAddress (RFC 5280 GeneralName)
        assertThat(leaf.getSubjectAlternativeNames())
                .extracting(name -> name.get(0) + " " + name.get(1))
                .containsExactlyInAnyOrder("2 localhost", "2 broker-1", "7 127.0.0.1");

        KeyStore trust = load(tls.resolve("broker-trust.p12"));
        List<Certificate> anchors = Collections.list(trust.aliases()).stream()
                .map(alias -> {
                    try {
                        return trust.getCertificate(alias);
                    } catch (java.security.KeyStoreException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(anchors).containsExactlyInAnyOrder(ca.certificate(), ca.issuingCertificate());
        assertThat(Files.readString(pki.resolve("ca.pem"))).contains("BEGIN CERTIFICATE");
    }

    @Test
    @DisplayName(
            "run again, it keeps the broker's key and rewrites the trust store; without --out it says how to call it")
    void keepsAndRefuses() throws Exception {
        Path pki = directory.resolve("pki");
        Path tls = directory.resolve("broker-tls");
        assertThat(run("broker-tls", "--pki", pki.toString(), "--out", tls.toString()))
                .isZero();
        byte[] first = Files.readAllBytes(tls.resolve("broker.p12"));

        assertThat(run("broker-tls", "--pki", pki.toString(), "--out", tls.toString()))
                .isZero();
        assertThat(Files.readAllBytes(tls.resolve("broker.p12"))).isEqualTo(first);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kept");

        assertThat(run("broker-tls", "--pki", pki.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing option --out", "usage: hub-cli broker-tls");
    }

    @Test
    @DisplayName("the stores serve TLS as a plain JDK server: a client trusting ca.pem alone accepts the broker, and a"
            + " participant presenting only its leaf is accepted")
    void servesMutualTls() throws Exception {
        Path pki = directory.resolve("pki");
        Path tls = directory.resolve("broker-tls");
        char[] storePassword = "changeit".toCharArray();
        assertThat(run(
                        "broker-tls",
                        "--pki",
                        pki.toString(),
                        "--out",
                        tls.toString(),
                        "--store-password",
                        String.valueOf(storePassword),
                        "--ip",
                        "127.0.0.1, ::1"))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(tls.resolve("broker.p12"), storePassword), storePassword);
        TrustManagerFactory anchors = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        anchors.init(load(tls.resolve("broker-trust.p12"), storePassword));
        SSLContext broker = SSLContext.getInstance("TLS");
        broker.init(keys.getKeyManagers(), anchors.getTrustManagers(), null);

        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, "demo".toCharArray(), Clock.systemUTC());
        IssuedCredential participant =
                ca.issuer().issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(1));
        KeyStore leafOnly = KeyStore.getInstance("PKCS12");
        leafOnly.load(null, null);
        leafOnly.setKeyEntry(
                "participant", participant.privateKey(), storePassword, new Certificate[] {participant.certificate()});
        KeyStore caPem = KeyStore.getInstance("PKCS12");
        caPem.load(null, null);
        try (InputStream in = Files.newInputStream(pki.resolve("ca.pem"))) {
            caPem.setCertificateEntry(
                    "hub-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        KeyManagerFactory clientKeys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        clientKeys.init(leafOnly, storePassword);
        TrustManagerFactory clientAnchors = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        clientAnchors.init(caPem);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(clientKeys.getKeyManagers(), clientAnchors.getTrustManagers(), null);

        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket server = (SSLServerSocket)
                broker.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            server.setNeedClientAuth(true);
            server.setSoTimeout(10_000);
            Future<Certificate> seenByBroker = acceptor.submit(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    socket.getOutputStream().write('\n');
                    socket.getOutputStream().flush();
                    return socket.getSession().getPeerCertificates()[0];
                }
            });
            try (SSLSocket socket =
                    (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
                socket.setSoTimeout(10_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                assertThat(socket.getInputStream().read()).isEqualTo('\n');
                assertThat(socket.getSession().getPeerCertificates()[0])
                        .isEqualTo(
                                load(tls.resolve("broker.p12"), storePassword).getCertificate("broker"));
            }
            assertThat(seenByBroker.get(10, TimeUnit.SECONDS)).isEqualTo(participant.certificate());
        } finally {
            acceptor.shutdownNow();
        }
    }
}
