package org.vanguard.hub.web;

import org.springframework.http.HttpStatus;

/** The caller's certificate does not let it use this endpoint (401 without one, 403 otherwise). */
public final class CallerNotAllowedException extends RuntimeException {

    private final HttpStatus status;

    public CallerNotAllowedException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
