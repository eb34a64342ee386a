package org.vanguard.hub.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.governance.participant.OdsCode;

class MutualTlsHandshakeTests {

    private static final char[] PASSWORD = "demo".toCharArray();
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path pki;

    @TempDir
    Path otherPki;

    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
    private HubCertificateAuthority ca;
    private SSLServerSocket serverSocket;
    private final java.util.Set<java.math.BigInteger> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startHub() throws Exception {
        ca = HubCertificateAuthority.loadOrCreate(pki, PASSWORD, Clock.systemUTC());
        KeyStore serverKeyStore = ca.loadOrCreateServerKeyStore(List.of("localhost"), List.of("127.0.0.1"), PASSWORD);
        SSLContext serverContext = MutualTls.bundle(
                        serverKeyStore,
                        PASSWORD,
                        new RevocationCheckingTrustManager(ca.trustStore(), revoked::contains).asFactory())
                .createSslContext();
        serverSocket = (SSLServerSocket)
                serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        serverSocket.setNeedClientAuth(true);
        serverSocket.setSoTimeout(TIMEOUT_MILLIS);
    }

    @AfterEach
    void stopHub() throws Exception {
        serverSocket.close();
        serverThread.shutdownNow();
    }

    @Test
    @DisplayName(
            "A participant presenting its keystore from disk completes the handshake and is identified by its ODS code")
    void participantIsIdentifiedByItsCertificate() throws Exception {
        Path participants = pki.resolve("participants");
        ca.ensureParticipantKeystore(
                participants, OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(30), PASSWORD);
        SSLContext clientContext = sslContext(readPkcs12(participants.resolve("CH001.p12")), trustStoreFromPem());
        Future<String> callerSeenByHub = serverThread.submit(this::acceptOneCaller);

        String reply = callHub(clientContext);

        assertThat(callerSeenByHub.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("CH001");
        assertThat(reply).isEqualTo("CH001");
    }

    @Test
    @DisplayName("A client certificate issued by a different CA is refused during the handshake")
    void certificateFromAnotherCaIsRefused() throws Exception {
        HubCertificateAuthority otherCa = HubCertificateAuthority.loadOrCreate(otherPki, PASSWORD, Clock.systemUTC());
        KeyStore impostor = otherCa.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(30))
                .toPkcs12("participant", PASSWORD);
        SSLContext clientContext = sslContext(impostor, trustStoreFromPem());
        Future<String> callerSeenByHub = serverThread.submit(this::acceptOneCaller);

        // Under TLS 1.3 the client may finish its side before the server's alert arrives, so it sees either the
        // alert or a broken connection; the server side below must have refused with an SSLException.
        assertThatThrownBy(() -> callHub(clientContext)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> callerSeenByHub.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SSLException.class);
    }

    @Test
    @DisplayName(
            "A certificate the registry lists as revoked is refused at the next handshake; the participant's other certificate is not")
    void revokedCertificateIsRefused() throws Exception {
        IssuedCredential old =
                ca.issuer().issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(30));
        IssuedCredential current =
                ca.issuer().issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(30));
        SSLContext oldContext = sslContext(old.toPkcs12("participant", PASSWORD), trustStoreFromPem());
        SSLContext currentContext = sslContext(current.toPkcs12("participant", PASSWORD), trustStoreFromPem());

        Future<String> before = serverThread.submit(this::acceptOneCaller);
        assertThat(callHub(oldContext)).isEqualTo("CH001");
        before.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        revoked.add(old.certificate().getSerialNumber());
        // A fresh client context, as a new connection without a resumable session: resumption skips the trust
        // manager, which is why the hub also checks revocation on every request (CallerArgumentResolver).
        SSLContext oldContextAgain = sslContext(old.toPkcs12("participant", PASSWORD), trustStoreFromPem());
        Future<String> after = serverThread.submit(this::acceptOneCaller);
        assertThatThrownBy(() -> callHub(oldContextAgain)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> after.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(SSLException.class)
                .cause()
                .hasMessageContaining("revoked");

        Future<String> other = serverThread.submit(this::acceptOneCaller);
        assertThat(callHub(currentContext)).isEqualTo("CH001");
        other.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Test
    @DisplayName("The Artemis plugin's trust manager delegates to the one the hub installed, revocation included")
    void artemisPluginUsesInstalledTrustManager() throws Exception {
        IssuedCredential credential =
                ca.issuer().issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(30));
        X509Certificate[] chain = {credential.certificate(), credential.issuer()};
        RevocationCheckingTrustManager.install(new RevocationCheckingTrustManager(ca.trustStore(), revoked::contains));
        var fromPlugin = (javax.net.ssl.X509TrustManager)
                new HubTrustManagerFactoryPlugin().getTrustManagerFactory().getTrustManagers()[0];

        fromPlugin.checkClientTrusted(chain, "EC");
        assertThat(fromPlugin.getAcceptedIssuers()).containsExactly(ca.certificate());
        revoked.add(credential.certificate().getSerialNumber());
        assertThatThrownBy(() -> fromPlugin.checkClientTrusted(chain, "EC"))
                .isInstanceOf(java.security.cert.CertificateException.class)
                .hasMessageContaining("revoked");
    }

    private String acceptOneCaller() throws Exception {
        try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            String odsCode = CertificateIdentity.odsCodeOf(peer).orElse("");
            socket.getOutputStream().write((odsCode + "\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return odsCode;
        }
    }

    private String callHub(SSLContext clientContext) throws Exception {
        try (SSLSocket socket =
                (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1", serverSocket.getLocalPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private KeyStore trustStoreFromPem() throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        try (InputStream in = Files.newInputStream(ca.caPemPath())) {
            trustStore.setCertificateEntry(
                    "hub-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return trustStore;
    }

    private static KeyStore readPkcs12(Path file) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }

    private static SSLContext sslContext(KeyStore keyStore, KeyStore trustStore) {
        return MutualTls.bundle(keyStore, PASSWORD, trustStore).createSslContext();
    }
}
