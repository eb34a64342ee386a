package org.vanguard.bench.load;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One organisation's mutual-TLS HTTPS connection to the hub, built from the hub's PKI directory the way a
 * provider system would: its own {@code .p12} (password {@code demo}) and the hub's CA as the only trust anchor.
 * Thread-safe; the JDK client keeps a pool of kept-alive connections, so handshakes are not measured.
 */
final class HubConnection {

    private final HttpClient http;
    private final URI base;

    private HubConnection(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    static HubConnection of(URI base, Path keystore, Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "demo".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "demo".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("hub-ca", (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return new HubConnection(http, base);
    }

    HttpResponse<String> post(String path, byte[] body) throws Exception {
        return post(path, body, Map.of());
    }

    /** A POST with headers of its own besides the FHIR content type (the peer's purpose of use and recipients). */
    HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        return send("POST", path, body, headers);
    }

    /** A PUT of one resource, with headers of its own (seeding the peer). */
    HttpResponse<String> put(String path, byte[] body, Map<String, String> headers) throws Exception {
        return send("PUT", path, body, headers);
    }

    private HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
