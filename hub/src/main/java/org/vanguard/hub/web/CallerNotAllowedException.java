package org.vanguard.hub.web;

import org.springframework.http.HttpStatus;

/**
 * The caller may not use this endpoint: 401 when it has not proved who it is (no certificate, wrong password),
 * 403 when it has but lacks the right.
 *
 * @see #where() the issue location in the OperationOutcome: the client certificate or the Authorization header
 */
public final class CallerNotAllowedException extends RuntimeException {

    static final String CERTIFICATE = "(client certificate)";
    static final String AUTHORIZATION = "(Authorization header)";

    private final HttpStatus status;
    private final String where;

    public CallerNotAllowedException(HttpStatus status, String message) {
        this(status, CERTIFICATE, message);
    }

    public CallerNotAllowedException(HttpStatus status, String where, String message) {
        super(message, null, false, false);
        this.status = status;
        this.where = where;
    }

    public HttpStatus status() {
        return status;
    }

    public String where() {
        return where;
    }

    /** A 401 about a password asks the client to sign in with HTTP Basic. */
    boolean challengesForBasic() {
        return status == HttpStatus.UNAUTHORIZED && AUTHORIZATION.equals(where);
    }
}
