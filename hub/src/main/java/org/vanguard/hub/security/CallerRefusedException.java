package org.vanguard.hub.security;

import org.springframework.security.core.AuthenticationException;

/**
 * The caller has not proved who it is (no certificate, a revoked one, a wrong password, an Authorization header
 * that is not HTTP Basic): a 401 whose message is safe to show, located at the certificate or at the header.
 */
public final class CallerRefusedException extends AuthenticationException {

    /** Where the problem is, as the OperationOutcome's issue expression says it. */
    public static final String CERTIFICATE = "(client certificate)";

    public static final String AUTHORIZATION = "(Authorization header)";

    private final String where;

    public CallerRefusedException(String where, String message) {
        super(message);
        this.where = where;
    }

    public String where() {
        return where;
    }

    /** A refusal about a password asks the client to sign in with HTTP Basic (RFC 7617). */
    public boolean challengesForBasic() {
        return AUTHORIZATION.equals(where);
    }
}
