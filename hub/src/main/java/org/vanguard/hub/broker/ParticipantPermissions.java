package org.vanguard.hub.broker;

import org.apache.activemq.artemis.core.security.CheckType;
import org.vanguard.routes.RouteProperties;

/**
 * What a participant connected over AMQP may do on the broker, and nothing more: read (consume and browse)
 * its own mailbox and its own reply queue, and send to the AMQP intake queue. It may not create or delete
 * queues or addresses, send anywhere else (another mailbox, a reply queue, the dispatch queue) or use
 * management. Decided by exact queue name, never by wildcard, so no name can be crafted to match.
 */
public record ParticipantPermissions(RouteProperties routes) {

    /**
     * @param ods the participant's ODS code, taken from its client certificate
     * @param address the address (or fully qualified queue name) Artemis is checking
     */
    public boolean allows(String ods, CheckType check, String address) {
        String queue = queueOf(address);
        return switch (check) {
            case CONSUME, BROWSE -> queue.equals(routes.mailboxQueue(ods)) || queue.equals(routes.replyQueue(ods));
            case SEND -> queue.equals(routes.amqpIntakeQueue());
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
