package org.vanguard.hub.signing;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainHeader;
import java.text.ParseException;

/**
 * Reads a JWS with detached content (RFC 7515 Appendix F, {@code header..signature}) against the bytes it is
 * said to cover, for both the hub's own signatures and the participants'. A compact JWS with its payload attached
 * is refused: the payload must be the bytes received, or a signature over one text could travel beside another.
 * Headers that change what the signature covers are refused too: {@code crit} (no extension is understood here)
 * and {@code b64} (RFC 7797: the payload is always signed base64url-encoded).
 */
final class DetachedJws {

    private DetachedJws() {}

    /** Why a JWS could not be read, in words for whoever sent it. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static JWSObject parse(String jws, byte[] payload) throws Malformed {
        if (jws == null || jws.isBlank()) {
            throw new Malformed("the signature is empty");
        }
        JWSObject parsed;
        try {
            parsed = JWSObject.parse(jws.strip(), new Payload(payload == null ? new byte[0] : payload));
        } catch (ParseException e) {
            if (unsigned(jws.strip())) {
                throw new Malformed("alg 'none' is refused: an unsigned JWS proves nothing");
            }
            // Nimbus names the fault, an attached payload included ("The payload Base64URL part must be empty").
            throw new Malformed("the JWS cannot be read as header..signature over the body: " + e.getMessage());
        }
        JWSHeader header = parsed.getHeader();
        if (header.getCriticalParams() != null) {
            throw new Malformed("the JWS header must not carry 'crit': no extensions are understood");
        }
        if (header.getIncludedParams().contains("b64")) {
            throw new Malformed("the JWS header must not carry 'b64': the payload is signed base64url-encoded");
        }
        return parsed;
    }

    /** Whether the header is that of an unsecured JOSE object ({@code alg: none}, RFC 7519 section 6). */
    private static boolean unsigned(String compact) {
        try {
            return Header.parse(JOSEObject.split(compact)[0]) instanceof PlainHeader;
        } catch (ParseException e) {
            return false;
        }
    }
}
