package org.vanguard.hub.signing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a participant's detached JWS over the exact bytes it sent, with the key of the client certificate
 * it presented on the same TLS connection: the signature then proves the body is what that organisation
 * meant to send, and it can be kept as evidence beside the audit record. {@code ES256} (the demo
 * certificates' P-256 keys) and {@code RS256} are accepted; {@code alg} must match the certificate's key, and
 * {@code none}, any {@code crit} header and {@code b64:false} are refused.
 */
public final class ParticipantSignatureVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Why a signature was refused, in words for the OperationOutcome. */
    public static final class SignatureRefused extends Exception {
        SignatureRefused(String message) {
            super(message, null, false, false);
        }
    }

    public void verify(String jws, byte[] body, X509Certificate certificate) throws SignatureRefused {
        Jws.Detached detached;
        try {
            detached = Jws.parseDetached(jws);
        } catch (IllegalArgumentException e) {
            throw new SignatureRefused(e.getMessage());
        }
        String alg = algorithmOf(detached.headerJson());
        PublicKey key = certificate.getPublicKey();
        String jcaAlgorithm = switch (alg) {
            case "ES256" -> key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256
                    ? "SHA256withECDSAinP1363Format" : null;
            case "RS256" -> key instanceof RSAPublicKey ? "SHA256withRSA" : null;
            default -> throw new SignatureRefused("alg '" + alg + "' is not accepted; use ES256 (EC P-256) or RS256 (RSA)");
        };
        if (jcaAlgorithm == null) {
            throw new SignatureRefused("alg " + alg + " does not fit the client certificate's " + key.getAlgorithm() + " key");
        }
        try {
            Signature verifier = Signature.getInstance(jcaAlgorithm);
            verifier.initVerify(key);
            verifier.update(Jws.signingInput(detached.encodedHeader(), body == null ? new byte[0] : body));
            if (!verifier.verify(detached.signature())) {
                throw new SignatureRefused("the signature does not verify over the request body with the key of the client"
                        + " certificate " + certificate.getSubjectX500Principal().getName());
            }
        } catch (GeneralSecurityException e) {
            throw new SignatureRefused("the signature cannot be checked: " + e.getMessage());
        }
    }

    private static String algorithmOf(String headerJson) throws SignatureRefused {
        JsonNode header;
        try {
            header = JSON.readTree(headerJson);
        } catch (JacksonException e) {
            throw new SignatureRefused("the JWS header is not JSON");
        }
        if (header == null || !header.isObject()) {
            throw new SignatureRefused("the JWS header must be a JSON object");
        }
        if (header.has("crit")) {
            throw new SignatureRefused("the JWS header must not carry 'crit': no extensions are understood");
        }
        if (header.has("b64")) {
            throw new SignatureRefused("the JWS header must not carry 'b64': the payload is signed base64url-encoded");
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isString() || alg.asString().isBlank()) {
            throw new SignatureRefused("the JWS header has no 'alg'");
        }
        return alg.asString();
    }
}
