package org.vanguard.hub.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JWS compact-serialisation pieces shared by the hub's own delivery signatures and the participants'
 * signatures it verifies: base64url without padding, the signing input, and the detached form
 * {@code header..signature} (RFC 7515 section 7.1 and Appendix F), whose payload travels as the HTTP body.
 */
public final class Jws {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Jws() {
    }

    /** A detached JWS taken apart: the encoded header as sent, its JSON and the raw signature bytes. */
    public record Detached(String encodedHeader, String headerJson, byte[] signature) {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    public static String encodeHeader(String json) {
        return encode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code ASCII(BASE64URL(header) || '.' || BASE64URL(payload))}: the bytes actually signed. */
    public static byte[] signingInput(String encodedHeader, byte[] payload) {
        return (encodedHeader + "." + encode(payload)).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code header..signature}. */
    public static String detached(String encodedHeader, byte[] signature) {
        return encodedHeader + ".." + encode(signature);
    }

    /**
     * Splits a detached JWS. A compact JWS with its payload attached is refused: the payload must be the
     * request body itself, or a signature over one text could be sent beside another.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    public static Detached parseDetached(String jws) {
        if (jws == null || jws.isBlank()) {
            throw new IllegalArgumentException("the signature is empty");
        }
        String[] parts = jws.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a JWS has three dot-separated parts, this has " + parts.length);
        }
        if (!parts[1].isEmpty()) {
            throw new IllegalArgumentException("the JWS must be detached (header..signature): the payload is the request body");
        }
        try {
            String header = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(parts[2]);
            return new Detached(parts[0], header, signature);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWS header or signature is not base64url: " + e.getMessage());
        }
    }
}
