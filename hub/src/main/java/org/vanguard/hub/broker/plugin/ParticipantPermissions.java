package org.vanguard.hub.broker.plugin;

import org.apache.activemq.artemis.core.security.CheckType;

/**
 * What a participant connected over AMQP may do on the broker, and nothing more: read (consume and browse)
 * its own mailbox and its own reply queue, and send to the AMQP intake queue. It may not create or delete
 * queues or addresses, send anywhere else (another mailbox, a reply queue, the dispatch queue) or use
 * management. Decided by exact queue name, never by wildcard, so no name can be crafted to match.
 *
 * @param mailboxPrefix the prefix of every mailbox queue ({@code hub.routes.mailbox-queue-prefix}); the ODS code
 *     completes the name
 * @param replyPrefix the prefix of every reply queue ({@code hub.routes.reply-queue-prefix})
 * @param intakeQueue the AMQP intake queue ({@code hub.routes.amqp-intake-queue})
 */
public record ParticipantPermissions(String mailboxPrefix, String replyPrefix, String intakeQueue) {

    /** The hub's default queue names (application.yml), which an external broker's plugins assume unless told. */
    public static final ParticipantPermissions DEFAULTS =
            new ParticipantPermissions("hub.mailbox.", "hub.replies.", "hub.intake.amqp");

    /**
     * As a broker's XML configures a plugin ({@code <property key="mailbox-prefix" value="hub.mailbox."/>}, and
     * {@code reply-prefix}, {@code intake-queue}): whatever is not given is the hub's default.
     */
    public static ParticipantPermissions from(java.util.Map<String, String> properties) {
        return new ParticipantPermissions(
                properties.getOrDefault("mailbox-prefix", DEFAULTS.mailboxPrefix()),
                properties.getOrDefault("reply-prefix", DEFAULTS.replyPrefix()),
                properties.getOrDefault("intake-queue", DEFAULTS.intakeQueue()));
    }

    /**
     * @param ods the participant's ODS code, taken from its client certificate
     * @param address the address (or fully qualified queue name) Artemis is checking
     */
    public boolean allows(String ods, CheckType check, String address) {
        String queue = queueOf(address);
        return switch (check) {
            case CONSUME, BROWSE -> queue.equals(mailboxPrefix + ods) || queue.equals(replyPrefix + ods);
            case SEND -> queue.equals(intakeQueue);
            default -> false;
        };
    }

    /**
     * A fully qualified queue name ({@code address::queue}) is allowed only when address and queue are the same
     * name, which is how every hub queue is made (anycast, one queue named after its address).
     */
    private static String queueOf(String address) {
        int separator = address.indexOf("::");
        if (separator < 0) {
            return address;
        }
        String bare = address.substring(0, separator);
        String queue = address.substring(separator + 2);
        return bare.equals(queue) ? bare : "";
    }
}
