package org.vanguard.hub.web;

/** What was asked for is not there (or not the caller's to see: another participant's delivery is "not there" too). */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
