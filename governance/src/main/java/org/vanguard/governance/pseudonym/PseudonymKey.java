package org.vanguard.governance.pseudonym;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One secret of an agreement's pseudonyms.
 *
 * @param keyId short id printed in each pseudonym, so the hub knows which key made it (e.g. {@code k1})
 * @param secret at least 32 random bytes; never leaves the hub
 */
public record PseudonymKey(String keyId, byte[] secret) {

    private static final Pattern KEY_ID = Pattern.compile("k[0-9]{1,6}");

    public PseudonymKey {
        Objects.requireNonNull(keyId, "keyId");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a pseudonym key id is 'k' and a number, not '" + keyId + "'");
        }
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("a pseudonym secret needs at least 32 bytes");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PseudonymKey that && keyId.equals(that.keyId) && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "PseudonymKey[" + keyId + "]";
    }
}
