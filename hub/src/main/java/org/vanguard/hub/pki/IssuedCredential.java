package org.vanguard.hub.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A private key with the certificate the hub CA issued for it. The issuer travels with it so that the
 * exported PKCS#12 carries the whole chain: TLS peers expect the sender to present its intermediate/issuer
 * path (RFC 8446 section 4.4.2), and tools such as curl then need only the CA file to verify it.
 */
public record IssuedCredential(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {

    public IssuedCredential {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * Uses the JDK's own PKCS#12 implementation rather than Bouncy Castle's because its default algorithms
     * (PBES2/AES-256, HmacSHA256 since JDK 17) are what OpenSSL 3 reads without the legacy provider.
     */
    public KeyStore toPkcs12(String alias, char[] password) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(alias, privateKey, password, new Certificate[] {certificate, issuer});
            return keyStore;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a PKCS#12 keystore", e);
        }
    }

    public void writePkcs12(Path file, String alias, char[] password) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            toPkcs12(alias, password).store(bytes, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot serialise a PKCS#12 keystore", e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
