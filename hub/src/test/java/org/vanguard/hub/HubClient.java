package org.vanguard.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A participant's HTTPS client as a provider system would build it: its own {@code .p12} from the hub's
 * PKI directory and the hub's CA certificate as the only trust anchor. Nothing is trusted blindly.
 */
public final class HubClient {

    private final HttpClient http;
    private final String base;
    private final Optional<String> authorization;

    private HubClient(HttpClient http, String base, Optional<String> authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client (same certificate) signing in to the admin API as a local account with HTTP Basic. */
    public HubClient signedInAs(String username, String password) {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new HubClient(http, base, Optional.of("Basic " + credentials));
    }

    /** The same client sending this Authorization header as it is. */
    public HubClient withAuthorization(String header) {
        return new HubClient(http, base, Optional.of(header));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    /** A client presenting the given keystore (password {@code demo}); null for no client certificate. */
    public static HubClient of(Path keystore, Path caPem, int port) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (keystore != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, "demo".toCharArray());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "demo".toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("hub-ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        ssl.init(keys == null ? null : keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        return new HubClient(http, "https://localhost:" + port, Optional.empty());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with extra request headers, given as name, value, name, value... */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(request(path)
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(request(path).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #post}, with one extra request header (e.g. a participant's signature). */
    public HttpResponse<String> post(String path, String contentType, byte[] body, String header, String value)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header(header, value);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
