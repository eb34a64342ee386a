package org.vanguard.hub.signing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.pki.HubCertificateAuthority;
import org.vanguard.hub.pki.IssuedCredential;

/** Participants' detached signatures, checked against client certificates issued by a real hub CA. */
class ParticipantSignatureVerifierTests {

    private static final byte[] BODY =
            "{\"resourceType\":\"Bundle\",\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path pki;

    private static IssuedCredential careHome;
    private static IssuedCredential practice;
    private static KeyPair rsa;
    private static X509Certificate rsaCertificate;

    private final ParticipantSignatureVerifier verifier = new ParticipantSignatureVerifier();

    @BeforeAll
    static void issueCertificates() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.loadOrCreate(pki, "test".toCharArray(), Clock.systemUTC());
        careHome = ca.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel House Care Home", Duration.ofDays(30));
        practice =
                ca.issuer().issueParticipantCredential(OdsCode.of("G81001"), "Riverside Practice", Duration.ofDays(30));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        rsaCertificate = ca.issuer()
                .issueParticipantCertificate(
                        OdsCode.of("RAC"), "Riverside Acute Trust", rsa.getPublic(), Duration.ofDays(30));
    }

    @Test
    @DisplayName(
            "an ES256 signature by the certificate's P-256 key over the exact body is accepted, and so is RS256 by an RSA key")
    void accepted() {
        assertThatCode(() -> verifier.verify(
                        detached(JWSAlgorithm.ES256, es256(careHome), BODY), BODY, careHome.certificate()))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(
                        detached(JWSAlgorithm.RS256, new RSASSASigner(rsa.getPrivate()), BODY), BODY, rsaCertificate))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a signature over other bytes, or by another participant's key, does not verify")
    void tamperedOrForeign() throws Exception {
        byte[] tampered = BODY.clone();
        tampered[3] ^= 1;
        String signed = detached(JWSAlgorithm.ES256, es256(careHome), BODY);

        assertThatThrownBy(() -> verifier.verify(signed, tampered, careHome.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("does not verify");
        assertThatThrownBy(() -> verifier.verify(signed, BODY, practice.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    @DisplayName(
            "alg none, a symmetric alg, an alg that does not fit the certificate's key and an attached payload are refused")
    void refusedForms() throws Exception {
        String none = new PlainHeader().toBase64URL() + "..";
        assertThatThrownBy(() -> verifier.verify(none, BODY, careHome.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("alg 'none'");
        String hs256 = detached(JWSAlgorithm.HS256, new MACSigner(new byte[32]), BODY);
        assertThatThrownBy(() -> verifier.verify(hs256, BODY, careHome.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("alg 'HS256' is not accepted");
        String rs256 = detached(JWSAlgorithm.RS256, new RSASSASigner(rsa.getPrivate()), BODY);
        assertThatThrownBy(() -> verifier.verify(rs256, BODY, careHome.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("does not fit");
        JWSObject attached = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(BODY));
        attached.sign(es256(careHome));
        assertThatThrownBy(() -> verifier.verify(attached.serialize(), BODY, careHome.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("payload");
        assertThatThrownBy(() -> verifier.verify("", BODY, careHome.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("empty");
    }

    @Test
    @DisplayName("headers that change what is signed are refused: crit and b64")
    void refusedHeaders() throws Exception {
        JWSObject critical = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(JOSEObjectType.JOSE)
                        .customParam("exp", 1)
                        .criticalParams(Set.of("exp"))
                        .build(),
                new Payload(BODY));
        critical.sign(es256(careHome));
        assertThatThrownBy(() -> verifier.verify(critical.serialize(true), BODY, careHome.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("crit");

        JWSObject unencoded = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .base64URLEncodePayload(false)
                        .build(),
                new Payload(BODY));
        unencoded.sign(es256(careHome));
        assertThatThrownBy(() -> verifier.verify(unencoded.serialize(true), BODY, careHome.certificate()))
                .isInstanceOf(ParticipantSignatureVerifier.SignatureRefused.class)
                .hasMessageContaining("b64");
    }

    private static ECDSASigner es256(IssuedCredential credential) throws Exception {
        return new ECDSASigner((ECPrivateKey) credential.privateKey());
    }

    private static String detached(JWSAlgorithm alg, JWSSigner signer, byte[] payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(alg), new Payload(payload));
        jws.sign(signer);
        return jws.serialize(true);
    }
}
