package org.vanguard.hub.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.vanguard.routes.dispatch.DeliverySigner;

/**
 * Ed25519 signing keys kept under the PKI directory, one file per key named by its key id; the newest key
 * signs, every key stays published. Signatures are JWS with detached content (RFC 7515 Appendix F, alg EdDSA
 * per RFC 8037), so the delivered bytes travel unchanged and the signature beside them.
 */
public final class SigningKeyRing implements DeliverySigner {

    private static final DateTimeFormatter KID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;
    private volatile List<Key> keys;

    /** One key: its id, and the private key (the public key is derived). */
    private record Key(String kid, Ed25519PrivateKeyParameters privateKey, Ed25519PublicKeyParameters publicKey) {
    }

    public SigningKeyRing(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.keys = load();
        if (keys.isEmpty()) {
            rotate();
        }
    }

    /** Makes a new key the signing key; earlier keys stay published for verifying what they signed. */
    public synchronized String rotate() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        String kid = "hub-" + KID.format(clock.instant());
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, kid, ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection applies.
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(key.getEncoded()), StandardCharsets.US_ASCII);
            Files.move(temp, directory.resolve(kid + ".ed25519"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a signing key in " + directory, e);
        }
        keys = load();
        return kid;
    }

    public String currentKeyId() {
        return keys.get(keys.size() - 1).kid();
    }

    @Override
    public String sign(byte[] payload) {
        Key key = keys.get(keys.size() - 1);
        String header = Jws.encodeHeader("{\"alg\":\"EdDSA\",\"kid\":\"" + key.kid() + "\"}");
        byte[] input = Jws.signingInput(header, payload);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key.privateKey());
        signer.update(input, 0, input.length);
        return Jws.detached(header, signer.generateSignature());
    }

    /**
     * Whether a detached JWS made by {@link #sign} verifies over the payload with the key its header names; false for
     * an unknown key, a malformed JWS or a signature that does not match (never an exception: the caller names it).
     */
    public boolean verify(String detachedJws, byte[] payload) {
        try {
            Jws.Detached jws = Jws.parseDetached(detachedJws);
            Key key = keys.stream().filter(k -> jws.headerJson().equals("{\"alg\":\"EdDSA\",\"kid\":\"" + k.kid() + "\"}"))
                    .findFirst().orElse(null);
            if (key == null) {
                return false;
            }
            byte[] input = Jws.signingInput(jws.encodedHeader(), payload);
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key.publicKey());
            verifier.update(input, 0, input.length);
            return verifier.verifySignature(jws.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The public keys as a JSON Web Key Set (RFC 7517; OKP keys per RFC 8037), newest last. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> published = new ArrayList<>();
        for (Key key : keys) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            jwk.put("kid", key.kid());
            jwk.put("use", "sig");
            jwk.put("alg", "EdDSA");
            jwk.put("x", Jws.encode(key.publicKey().getEncoded()));
            published.add(jwk);
        }
        return Map.of("keys", published);
    }

    private List<Key> load() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ed25519")).sorted().map(f -> {
                try {
                    byte[] encoded = Base64.getDecoder().decode(Files.readString(f, StandardCharsets.US_ASCII).trim());
                    Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(encoded);
                    String name = f.getFileName().toString();
                    return new Key(name.substring(0, name.length() - ".ed25519".length()), privateKey, privateKey.generatePublicKey());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys in " + directory, e);
        }
    }
}
