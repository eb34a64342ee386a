package org.vanguard.hub.people;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes (Spring Security's encoder over Bouncy Castle, 16-byte random salt per hash, 16 MiB,
 * two passes): the same password gives a different hash for every account, and guessing offline is slow.
 * Checking an unknown username still spends one hash computation, so response time does not say which
 * usernames exist.
 */
@Component
public class PasswordHashing {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String decoy = encoder.encode("not-a-password-of-anyone");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the same time as a real check, for a username that has no account. */
    public void spendOnUnknownAccount(String password) {
        encoder.matches(password, decoy);
    }
}
