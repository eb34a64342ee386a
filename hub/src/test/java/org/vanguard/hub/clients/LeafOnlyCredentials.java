package org.vanguard.hub.clients;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.vanguard.hub.pki.HubCertificateAuthority;

/**
 * A participant's credential as a client outside Java usually holds it: its own certificate alone (no issuing CA, no
 * root) and its private key, as PEM files or a one-certificate PKCS#12. The hub must complete the chain itself.
 *
 * @param certificatePem the leaf certificate, PEM
 * @param keyPem the private key, PKCS#8 PEM
 * @param pkcs12 a PKCS#12 (password {@code demo}) holding the key with the leaf certificate only
 */
public record LeafOnlyCredentials(Path certificatePem, Path keyPem, Path pkcs12) {

    /** Reads a participant's {@code .p12} (password {@code demo}) and writes its leaf-only forms into {@code directory}. */
    public static LeafOnlyCredentials of(Path participantKeystore, Path directory) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(participantKeystore)) {
            store.load(in, "demo".toCharArray());
        }
        String alias = HubCertificateAuthority.PARTICIPANT_ALIAS;
        PrivateKey key = (PrivateKey) store.getKey(alias, "demo".toCharArray());
        X509Certificate leaf = (X509Certificate) store.getCertificate(alias);
        Files.createDirectories(directory);
        Path certificate = directory.resolve("leaf.pem");
        Files.writeString(certificate, pem("CERTIFICATE", leaf.getEncoded()), StandardCharsets.US_ASCII);
        Path privateKey = directory.resolve("key.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        KeyStore leafOnly = KeyStore.getInstance("PKCS12");
        leafOnly.load(null, null);
        leafOnly.setKeyEntry(alias, key, "demo".toCharArray(), new Certificate[] {leaf});
        Path pkcs12 = directory.resolve("leaf-only.p12");
        try (OutputStream out = Files.newOutputStream(pkcs12)) {
            leafOnly.store(out, "demo".toCharArray());
        }
        return new LeafOnlyCredentials(certificate, privateKey, pkcs12);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
