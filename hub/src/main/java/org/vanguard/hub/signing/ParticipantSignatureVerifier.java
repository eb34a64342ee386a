package org.vanguard.hub.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.vanguard.hub.web.ExceptionText;

/**
 * Verifies a participant's detached JWS over the exact bytes it sent, with the key of the client certificate
 * it presented on the same TLS connection: the signature then proves the body is what that organisation
 * meant to send, and it can be kept as evidence beside the audit record. {@code ES256} (the demo
 * certificates' P-256 keys) and {@code RS256} are accepted; {@code alg} must match the certificate's key, and
 * {@code none}, any other algorithm, {@code crit} and {@code b64} are refused.
 */
public final class ParticipantSignatureVerifier {

    /** Why a signature was refused, in words for the OperationOutcome. */
    public static final class SignatureRefused extends Exception {
        SignatureRefused(String message) {
            super(message, null, false, false);
        }
    }

    public void verify(String jws, byte[] body, X509Certificate certificate) throws SignatureRefused {
        JWSObject signed;
        try {
            signed = DetachedJws.parse(jws, body);
        } catch (DetachedJws.Malformed e) {
            throw new SignatureRefused(ExceptionText.of(e));
        }
        JWSVerifier verifier = verifierFor(signed.getHeader().getAlgorithm(), certificate.getPublicKey());
        try {
            if (!signed.verify(verifier)) {
                throw new SignatureRefused(
                        "the signature does not verify over the request body with the key of the client"
                                + " certificate "
                                + certificate.getSubjectX500Principal().getName());
            }
        } catch (JOSEException e) {
            throw new SignatureRefused("the signature cannot be checked: " + e.getMessage());
        }
    }

    private static JWSVerifier verifierFor(JWSAlgorithm alg, PublicKey key) throws SignatureRefused {
        if (!JWSAlgorithm.ES256.equals(alg) && !JWSAlgorithm.RS256.equals(alg)) {
            throw new SignatureRefused("alg '" + alg + "' is not accepted; use ES256 (EC P-256) or RS256 (RSA)");
        }
        try {
            if (JWSAlgorithm.ES256.equals(alg)
                    && key instanceof ECPublicKey ec
                    && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                return new ECDSAVerifier(ec);
            }
            if (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAPublicKey rsa) {
                return new RSASSAVerifier(rsa);
            }
        } catch (JOSEException e) {
            throw new SignatureRefused(
                    "the client certificate's key cannot check an " + alg + " signature: " + e.getMessage());
        }
        throw new SignatureRefused(
                "alg " + alg + " does not fit the client certificate's " + key.getAlgorithm() + " key");
    }
}
