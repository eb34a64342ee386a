package org.vanguard.hub.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.vanguard.hub.audit.CheckpointSigner;
import org.vanguard.routes.dispatch.DeliverySigner;

/**
 * The hub's Ed25519 signing keys: the newest signs, every key stays published so that what an older key signed
 * still verifies after a rotation. Signatures are JWS with detached content (RFC 7515 Appendix F; alg EdDSA per
 * RFC 8037), so the delivered bytes travel unchanged and the signature beside them; the public keys are a JSON
 * Web Key Set (RFC 7517). Headers, serialisation and the key set are Nimbus JOSE+JWT's, so what a recipient's
 * JOSE library produces and expects is what the hub produces and expects.
 */
public final class SigningKeyRing implements DeliverySigner, CheckpointSigner {

    private static final DateTimeFormatter KID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final SigningKeyFiles files;
    private final Clock clock;
    private volatile List<Key> keys;
    private volatile Runnable announce = () -> {};

    /** A stored key with its signer and verifier, made once: deriving them costs more than a signature. */
    private record Key(OctetKeyPair jwk, Ed25519Signer signer, Ed25519Verifier verifier) {

        static Key of(OctetKeyPair jwk) {
            try {
                return new Key(jwk, new Ed25519Signer(jwk), new Ed25519Verifier(jwk.toPublicJWK()));
            } catch (JOSEException e) {
                throw new IllegalStateException("signing key " + jwk.getKeyID() + " is not an Ed25519 key", e);
            }
        }

        String kid() {
            return jwk.getKeyID();
        }
    }

    public SigningKeyRing(Path directory, Clock clock) {
        this.files = new SigningKeyFiles(directory);
        this.clock = clock;
        this.keys = load();
        if (keys.isEmpty()) {
            rotate();
        }
    }

    /** Makes a new key the signing key; earlier keys stay published for verifying what they signed. */
    public synchronized String rotate() {
        String kid = "hub-" + KID.format(clock.instant());
        for (int n = 1; files.exists(kid); n++) {
            kid = "hub-" + KID.format(clock.instant()) + "-" + n;
        }
        try {
            files.save(new OctetKeyPairGenerator(Curve.Ed25519)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.EdDSA)
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an Ed25519 signing key", e);
        }
        keys = load();
        announce.run();
        return kid;
    }

    /** Reads the key files again, when another node (sharing the PKI directory) rotated the signing key. */
    public synchronized void reload() {
        keys = load();
    }

    /** Told of every rotation made on this node, to announce it to the other nodes. */
    public void announceRotationsWith(Runnable announcement) {
        this.announce = java.util.Objects.requireNonNull(announcement, "announcement");
    }

    @Override
    public String currentKeyId() {
        return current().kid();
    }

    @Override
    public String sign(byte[] payload) {
        Key key = current();
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.kid()).build(), new Payload(payload));
        try {
            jws.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
        return jws.serialize(true);
    }

    /**
     * Whether a detached JWS verifies over the payload with the published key its {@code kid} names; false for an
     * unknown key, another algorithm, a malformed JWS or a signature that does not match (never an exception: the
     * caller names what failed).
     */
    @Override
    public boolean verify(String detachedJws, byte[] payload) {
        try {
            JWSObject jws = DetachedJws.parse(detachedJws, payload);
            if (!JWSAlgorithm.EdDSA.equals(jws.getHeader().getAlgorithm())) {
                return false;
            }
            String kid = jws.getHeader().getKeyID();
            Key key = keys.stream().filter(k -> k.kid().equals(kid)).findFirst().orElse(null);
            return key != null && jws.verify(key.verifier());
        } catch (DetachedJws.Malformed | JOSEException e) {
            return false;
        }
    }

    /** The public keys as a JSON Web Key Set, newest last. */
    public Map<String, Object> jwks() {
        return new JWKSet(keys.stream().<JWK>map(Key::jwk).toList())
                .toPublicJWKSet()
                .toJSONObject();
    }

    private Key current() {
        List<Key> now = keys;
        return now.get(now.size() - 1);
    }

    private List<Key> load() {
        return files.load().stream().map(Key::of).toList();
    }
}
