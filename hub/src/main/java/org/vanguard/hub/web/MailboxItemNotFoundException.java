package org.vanguard.hub.web;

/** The delivery is not in the caller's mailbox: never there, already acknowledged, or someone else's. */
final class MailboxItemNotFoundException extends RuntimeException {

    MailboxItemNotFoundException(String message) {
        super(message, null, false, false);
    }
}
