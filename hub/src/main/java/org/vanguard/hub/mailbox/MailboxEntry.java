package org.vanguard.hub.mailbox;

/** A delivery waiting in a mailbox, described without opening it. */
public record MailboxEntry(
        String id, String messageId, String sender, String event, String acceptedAt, String agreements) {}
