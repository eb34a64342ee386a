package org.vanguard.hub.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.jspecify.annotations.Nullable;

/**
 * How the PKI is kept on disk: PKCS#12 key stores (the JDK's own implementation, whose PBES2/AES-256 defaults
 * OpenSSL 3 reads) and PEM files, each written through an atomic rename. Plain files, so that curl and OpenSSL
 * use exactly what the hub uses. A CA key entry is read back only with its chain checked, because a key store
 * swapped for another would otherwise quietly become the hub's CA.
 */
final class CaFiles {

    private CaFiles() {}

    /** A key entry: the key and its chain, leaf (or issuing CA) first, self-signed root last. */
    record KeyEntry(PrivateKey key, X509Certificate[] chain) {}

    static KeyStore readPkcs12(Path file, char[] password) throws IOException {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            return keyStore;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read keystore " + file, e);
        }
    }

    /**
     * Reads the CA key entry {@code alias}, or the only key entry when alias is null, with its chain checked: each
     * certificate signed by the next, the last self-signed, the first a CA.
     */
    static KeyEntry readCaKeyEntry(Path file, @Nullable String alias, char[] password) throws IOException {
        KeyStore keyStore = readPkcs12(file, password);
        try {
            String entry = alias == null ? onlyKeyEntry(file, keyStore) : alias;
            Key key = keyStore.getKey(entry, password);
            Certificate[] chain = keyStore.getCertificateChain(entry);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new IOException(file + " has no private key entry '" + entry + "'");
            }
            X509Certificate[] certificates = new X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                certificates[i] = (X509Certificate) chain[i];
            }
            X509Certificate root = certificates[certificates.length - 1];
            root.verify(root.getPublicKey());
            for (int i = 0; i < certificates.length - 1; i++) {
                certificates[i].verify(certificates[i + 1].getPublicKey());
            }
            if (certificates[0].getBasicConstraints() < 0) {
                throw new IOException(file + ": '" + entry + "' is not a CA certificate");
            }
            return new KeyEntry(privateKey, certificates);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException("Cannot read a CA key and chain from " + file, e);
        }
    }

    static void writeKeyEntry(Path file, String alias, KeyEntry entry, char[] password) throws IOException {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(alias, entry.key(), password, entry.chain());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            keyStore.store(bytes, password);
            AtomicFiles.write(file, bytes.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the keystore " + file, e);
        }
    }

    /** A certificate or CRL as PEM, the form OpenSSL's {@code -CAfile} and {@code -CRLfile} read. */
    static void writePem(Path file, Object certificateOrCrl) throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificateOrCrl);
        }
        AtomicFiles.write(file, pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static String onlyKeyEntry(Path file, KeyStore keyStore) throws GeneralSecurityException, IOException {
        List<String> keys = new ArrayList<>();
        for (String name : Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(name)) {
                keys.add(name);
            }
        }
        if (keys.size() != 1) {
            throw new IOException(file + " must hold exactly one key entry, not " + keys.size());
        }
        return keys.get(0);
    }
}
