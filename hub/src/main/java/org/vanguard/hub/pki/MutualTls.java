package org.vanguard.hub.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The one way the hub and its tools set up mutual TLS: key material and trust anchors become a Spring Boot
 * {@link SslBundle}, whose {@link SslBundle#createSslContext()} builds the {@code SSLContext}. Tomcat's connector
 * and the push client use registered bundles ({@link PkiConfiguration#SERVER_BUNDLE},
 * {@link PkiConfiguration#CLIENT_BUNDLE}); the AMQP acceptor is given the server bundle's stores; the CLI and the
 * tests build theirs here from the same files a participant holds (a PKCS#12 key store and {@code ca.pem}). Trust
 * is never the JDK's default store: only the anchors given here.
 */
public final class MutualTls {

    private MutualTls() {}

    /** A bundle presenting {@code keys} (null: no client certificate) and trusting only {@code trust}. */
    public static SslBundle bundle(@Nullable KeyStore keys, char[] password, KeyStore trust) {
        return SslBundle.of(SslStoreBundle.of(keys, password == null ? null : new String(password), trust));
    }

    /**
     * A bundle presenting {@code keys} and trusting through {@code trust}, for an end that decides trust itself,
     * as the hub's {@link RevocationCheckingTrustManager} does.
     */
    public static SslBundle bundle(@Nullable KeyStore keys, char[] password, TrustManagerFactory trust) {
        SslStoreBundle stores = SslStoreBundle.of(keys, password == null ? null : new String(password), null);
        SslManagerBundle managers = SslManagerBundle.of(
                SslManagerBundle.from(stores, SslBundleKey.NONE).getKeyManagerFactory(), trust);
        return SslBundle.of(stores, SslBundleKey.NONE, SslOptions.NONE, SslBundle.DEFAULT_PROTOCOL, managers);
    }

    /** A bundle from a PKCS#12 key store file (null: no client certificate) and the PEM certificates to trust. */
    public static SslBundle bundle(@Nullable Path pkcs12, char[] password, Path trustedPem) throws IOException {
        return bundle(pkcs12 == null ? null : readPkcs12(pkcs12, password), password, trustStore(trustedPem));
    }

    public static KeyStore readPkcs12(Path file, char[] password) throws IOException {
        return CaFiles.readPkcs12(file, password);
    }

    /** A trust store holding every certificate in the PEM file (a root, or a root and further CAs). */
    public static KeyStore trustStore(Path pem) throws IOException {
        return addTrusted(emptyStore(), pem, "trusted-");
    }

    /** Adds every certificate in the PEM file to {@code trust} as trust anchors named {@code prefix + n}. */
    public static KeyStore addTrusted(KeyStore trust, Path pem, String prefix) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            int n = trust.size();
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry(prefix + n++, certificate);
            }
            return trust;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificates in " + pem, e);
        }
    }

    private static KeyStore emptyStore() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no PKCS#12 key store", e);
        }
    }
}
