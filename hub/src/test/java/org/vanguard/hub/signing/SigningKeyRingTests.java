package org.vanguard.hub.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.hub.MovingClock;

class SigningKeyRingTests {

    private static final byte[] BUNDLE =
            "{\"resourceType\":\"Bundle\",\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    /** Key ids are timestamps: the test moves the clock. */
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-04T06:00:00Z"));

    @Test
    @DisplayName(
            "a delivery is signed as a detached EdDSA JWS naming the current key, and verifies over the same bytes")
    void signsDetached() throws Exception {
        SigningKeyRing ring = new SigningKeyRing(directory, clock);

        String jws = ring.sign(BUNDLE);

        assertThat(jws.split("\\.", -1))
                .hasSize(3)
                .satisfies(parts -> assertThat(parts[1]).isEmpty());
        JWSHeader header = JWSObject.parse(jws, new Payload(BUNDLE)).getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(header.getKeyID()).isEqualTo(ring.currentKeyId()).startsWith("hub-20261204T060000000Z");
        assertThat(header.getIncludedParams()).containsExactlyInAnyOrder("alg", "kid");
        assertThat(ring.verify(jws, BUNDLE)).isTrue();
    }

    @Test
    @DisplayName(
            "a changed byte in the payload, a changed signature or a payload put back into the JWS does not verify")
    void tampering() throws Exception {
        SigningKeyRing ring = new SigningKeyRing(directory, clock);
        String jws = ring.sign(BUNDLE);

        byte[] tampered = BUNDLE.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(ring.verify(jws, tampered)).isFalse();

        String[] parts = jws.split("\\.", -1);
        byte[] signature = new Base64URL(parts[2]).decode();
        signature[0] ^= 1;
        assertThat(ring.verify(parts[0] + ".." + Base64URL.encode(signature), BUNDLE))
                .isFalse();

        String attached = parts[0] + "." + Base64URL.encode(BUNDLE) + "." + parts[2];
        assertThat(ring.verify(attached, BUNDLE))
                .as("the payload must be the bytes received, not one inside the JWS")
                .isFalse();
        assertThat(ring.verify("not a jws", BUNDLE)).isFalse();
        assertThat(ring.verify("", BUNDLE)).isFalse();
    }

    @Test
    @DisplayName("a signature by a key the hub never published does not verify, even if it names a published key id")
    void unknownKeys() throws Exception {
        SigningKeyRing ring = new SigningKeyRing(directory, clock);
        OctetKeyPair stranger =
                new OctetKeyPairGenerator(Curve.Ed25519).keyID("stranger").generate();
        OctetKeyPair impostor = new OctetKeyPairGenerator(Curve.Ed25519)
                .keyID(ring.currentKeyId())
                .generate();

        assertThat(ring.verify(signWith(stranger, "stranger"), BUNDLE)).isFalse();
        assertThat(ring.verify(signWith(stranger, null), BUNDLE))
                .as("no kid at all")
                .isFalse();
        assertThat(ring.verify(signWith(impostor, ring.currentKeyId()), BUNDLE)).isFalse();
        assertThat(ring.verify(signWith(ring.currentKeyId(), BUNDLE, JWSAlgorithm.ES256), BUNDLE))
                .as("only EdDSA is the hub's")
                .isFalse();
    }

    @Test
    @DisplayName(
            "after a rotation the new key signs, both keys are published, and what the old key signed still verifies")
    void rotation() throws Exception {
        SigningKeyRing ring = new SigningKeyRing(directory, clock);
        String oldKid = ring.currentKeyId();
        String before = ring.sign(BUNDLE);

        clock.advanceMillis(1500);
        String newKid = ring.rotate();
        String after = ring.sign(BUNDLE);

        assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(ring.currentKeyId());
        assertThat(JWSObject.parse(after, new Payload(BUNDLE)).getHeader().getKeyID())
                .isEqualTo(newKid);
        assertThat(ring.verify(before, BUNDLE)).isTrue();
        assertThat(ring.verify(after, BUNDLE)).isTrue();
        JWKSet published = JWKSet.parse(ring.jwks());
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly(oldKid, newKid);
        assertThat(published.containsNonPublicKeys())
                .as("no private key is ever published")
                .isFalse();
        assertThat((List<?>) ring.jwks().get("keys"))
                .hasSize(2)
                .allSatisfy(key -> assertThat((Map<String, ?>) key)
                        .containsKeys("x", "kid")
                        .doesNotContainKey("d"));
    }

    @Test
    @DisplayName("two rotations within one millisecond make two keys, not one key overwriting the other")
    void rotationsInTheSameMillisecond() throws Exception {
        SigningKeyRing ring = new SigningKeyRing(directory, clock);
        String first = ring.sign(BUNDLE);

        String second = ring.rotate();
        String third = ring.rotate();

        assertThat(List.of(ring.currentKeyId(), second)).doesNotHaveDuplicates();
        assertThat(ring.currentKeyId()).isEqualTo(third);
        assertThat(JWKSet.parse(ring.jwks()).getKeys()).hasSize(3);
        assertThat(ring.verify(first, BUNDLE)).isTrue();
    }

    @Test
    @DisplayName("a recipient verifies with nothing but the published key set, as any JOSE library would")
    void recipientVerifiesFromTheKeySet() throws Exception {
        SigningKeyRing ring = new SigningKeyRing(directory, clock);
        String jws = ring.sign(BUNDLE);

        JWKSet published = JWKSet.parse(ring.jwks());
        JWSObject received = JWSObject.parse(jws, new Payload(BUNDLE));
        OctetKeyPair key =
                published.getKeyByKeyId(received.getHeader().getKeyID()).toOctetKeyPair();

        assertThat(key.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(received.verify(new Ed25519Verifier(key))).isTrue();
    }

    @Test
    @DisplayName(
            "keys survive a restart, and keys written by earlier releases (a base64 Ed25519 seed) still sign and verify")
    void keysOnDisk() throws Exception {
        Ed25519PrivateKeyParameters legacy = new Ed25519PrivateKeyParameters(new SecureRandom());
        Files.createDirectories(directory);
        Files.writeString(
                directory.resolve("hub-20250101T000000000Z.ed25519"),
                Base64.getEncoder().encodeToString(legacy.getEncoded()),
                StandardCharsets.US_ASCII);

        SigningKeyRing ring = new SigningKeyRing(directory, clock);
        String jws = ring.sign(BUNDLE);
        SigningKeyRing restarted = new SigningKeyRing(directory, clock);

        assertThat(ring.currentKeyId()).isEqualTo("hub-20250101T000000000Z");
        assertThat(restarted.verify(jws, BUNDLE)).isTrue();
        String[] parts = jws.split("\\.", -1);
        byte[] input = (parts[0] + "." + Base64URL.encode(BUNDLE)).getBytes(StandardCharsets.US_ASCII);
        org.bouncycastle.crypto.signers.Ed25519Signer bouncyCastle =
                new org.bouncycastle.crypto.signers.Ed25519Signer();
        bouncyCastle.init(false, legacy.generatePublicKey());
        bouncyCastle.update(input, 0, input.length);
        assertThat(bouncyCastle.verifySignature(new Base64URL(parts[2]).decode()))
                .as("the same key as before, checked by an independent Ed25519 implementation")
                .isTrue();
    }

    private static String signWith(OctetKeyPair key, String kid) throws Exception {
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).build(), new Payload(BUNDLE));
        jws.sign(new Ed25519Signer(key));
        return jws.serialize(true);
    }

    private static String signWith(String kid, byte[] payload, JWSAlgorithm alg) throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(kid).build(), new Payload(payload));
        jws.sign(new ECDSASigner(ec));
        return jws.serialize(true);
    }
}
