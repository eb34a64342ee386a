package org.vanguard.hub.people;

import java.util.Optional;

/**
 * What a password must be: 12 to 128 characters (NCSC guidance favours length over composition rules) and not
 * the username. The upper bound keeps one hash computation bounded.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {}

    /** What is wrong with this password for this user, if anything; the text never repeats the password. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("a password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of(
                    "the password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long; it is " + length);
        }
        if (password.equalsIgnoreCase(username)) {
            return Optional.of("the password must not be the username");
        }
        return Optional.empty();
    }
}
