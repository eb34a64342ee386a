package org.vanguard.hub.cli;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An HTTPS client that presents a PKCS#12 client certificate and trusts only the hub's root from
 * {@code ca.pem}: the CLI speaks to the hub exactly as a participant's system does, nothing trusted blindly.
 * The TLS set-up is the hub's own, {@link org.vanguard.hub.pki.MutualTls}.
 */
final class MutualTls {

    private MutualTls() {}

    static HttpClient client(Path keystore, char[] password, Path caPem) throws Exception {
        return HttpClient.newBuilder()
                .sslContext(org.vanguard.hub.pki.MutualTls.bundle(keystore, password, caPem)
                        .createSslContext())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
