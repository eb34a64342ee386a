package org.vanguard.hub;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.vanguard.hub.pki.MutualTls;

/**
 * A participant's HTTPS client as a provider system would build it: its own {@code .p12} from the hub's
 * PKI directory and the hub's CA certificate as the only trust anchor. Nothing is trusted blindly.
 */
public final class HubClient {

    private final HttpClient http;
    private final String base;
    private final Optional<String> authorization;
    private final SSLContext ssl;
    private final int port;

    private HubClient(HttpClient http, String base, Optional<String> authorization, SSLContext ssl, int port) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
        this.ssl = ssl;
        this.port = port;
    }

    /** A response read off the wire: status, the header lines as sent, the body. */
    public record RawResponse(int status, java.util.Map<String, String> headers, String body) {}

    /**
     * Sends a request exactly as written, request line and headers included, over the same mutual-TLS connection a
     * client would open: for what an HTTP library would refuse or encode (a literal {@code |}, a bad escape).
     */
    public RawResponse raw(String requestLineAndHeaders, byte[] body) throws IOException {
        try (javax.net.ssl.SSLSocket socket =
                (javax.net.ssl.SSLSocket) ssl.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write((requestLineAndHeaders + "Host: localhost:" + port + "\r\nConnection: close\r\n"
                            + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String[] head = response.substring(0, split).split("\r\n");
            java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(
                        head[i].substring(0, colon).trim(),
                        head[i].substring(colon + 1).trim());
            }
            String content = response.substring(split + 4);
            if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
                content = unchunk(content);
            }
            return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), headers, content);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /** The same client (same certificate) signing in to the admin API as a local account with HTTP Basic. */
    public HubClient signedInAs(String username, String password) {
        String credentials =
                Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new HubClient(http, base, Optional.of("Basic " + credentials), ssl, port);
    }

    /** The same client sending this Authorization header as it is. */
    public HubClient withAuthorization(String header) {
        return new HubClient(http, base, Optional.of(header), ssl, port);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    /** A client presenting the given keystore (password {@code demo}); null for no client certificate. */
    public static HubClient of(Path keystore, Path caPem, int port) throws Exception {
        SSLContext ssl = MutualTls.bundle(keystore, "demo".toCharArray(), caPem).createSslContext();
        HttpClient http = HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return new HubClient(http, "https://localhost:" + port, Optional.empty(), ssl, port);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return exchange(request(path).GET().build());
    }

    /** A GET with extra request headers, given as name, value, name, value... */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return exchange(request.build());
    }

    /** Any method, with a body (or null) and extra request headers given as name, value, name, value... */
    public HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return exchange(request.build());
    }

    /** The TLS context this client uses (its key store and the hub's CA), for other HTTP stacks in a test. */
    public SSLContext sslContext() {
        return ssl;
    }

    public HttpResponse<String> put(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return exchange(request(path)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return exchange(request(path).DELETE().build());
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    /** As {@link #post}, with one extra request header (e.g. a participant's signature). */
    public HttpResponse<String> post(String path, String contentType, byte[] body, String header, String value)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header(header, value);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    /**
     * Sends and reads the answer as text. A request that gets no answer in time leaves a dump of this JVM's threads in
     * the test output: with the hub in the same JVM, it shows what the request waited on.
     */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException timedOut) {
            StringBuilder dump = new StringBuilder(
                    "no answer in time to " + request.method() + " " + request.uri() + "; this JVM's threads:\n");
            for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
                if (thread.getLockName() != null) {
                    dump.append(" on ").append(thread.getLockName());
                }
                if (thread.getLockOwnerName() != null) {
                    dump.append(" held by \"").append(thread.getLockOwnerName()).append('"');
                }
                dump.append('\n');
                for (StackTraceElement frame : thread.getStackTrace()) {
                    dump.append("    at ").append(frame).append('\n');
                }
            }
            System.err.println(dump);
            throw timedOut;
        }
    }
}
