package org.vanguard.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.hub.pki.HubCertificateAuthority;

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
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "demo".toCharArray());
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
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getSubjectAlternativeNames())
                .extracting(name -> name.get(1).toString())
                .containsExactlyInAnyOrder("localhost", "broker-1", "127.0.0.1");

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
}
