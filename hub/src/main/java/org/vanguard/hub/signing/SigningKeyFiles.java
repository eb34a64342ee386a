package org.vanguard.hub.signing;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the signing keys live: one file per key, {@code <kid>.ed25519}, holding the base64 of the 32-byte Ed25519
 * private key (RFC 8032 section 5.1.5), readable by the hub's user only. The format predates Nimbus and is kept so
 * that keys made by earlier releases go on signing and verifying; the public half is derived, never stored.
 * Kept apart from the ring so that key handling and key storage can change independently.
 */
final class SigningKeyFiles {

    private static final String SUFFIX = ".ed25519";

    private final Path directory;

    SigningKeyFiles(Path directory) {
        this.directory = directory;
    }

    boolean exists(String kid) {
        return Files.exists(directory.resolve(kid + SUFFIX));
    }

    /** Every stored key as a private JWK, oldest first (key ids are timestamps, so their order is their age). */
    List<OctetKeyPair> load() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .map(this::read)
                    .sorted(Comparator.comparing(OctetKeyPair::getKeyID))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys in " + directory, e);
        }
    }

    /** Writes the key's private half through a private temporary file and an atomic rename. */
    void save(OctetKeyPair key) {
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, key.getKeyID(), ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the directory's own protection applies.
                }
                Files.writeString(
                        temp, Base64.getEncoder().encodeToString(key.getDecodedD()), StandardCharsets.US_ASCII);
                Files.move(temp, directory.resolve(key.getKeyID() + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a signing key in " + directory, e);
        }
    }

    private OctetKeyPair read(Path file) {
        String name = file.getFileName().toString();
        try {
            byte[] seed = Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return jwk(name.substring(0, name.length() - SUFFIX.length()), seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + file, e);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("the signing key " + file + " is not a base64 Ed25519 private key", e);
        }
    }

    /** The private JWK (RFC 8037 section 2) for a stored private key, its public key derived from it. */
    static OctetKeyPair jwk(String kid, byte[] privateKey) throws GeneralSecurityException {
        byte[] publicKey = Ed25519Sign.KeyPair.newKeyPairFromSeed(privateKey).getPublicKey();
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey))
                .d(Base64URL.encode(privateKey))
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.EdDSA)
                .build();
    }
}
