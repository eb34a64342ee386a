/**
 * A participant's mailbox: its queue on the hub's broker, listed, read and acknowledged over HTTPS. The
 * queue is the mailbox, so what REST shows is exactly what an AMQP consumer would receive.
 */
@ApplicationModule(displayName = "Mailboxes")
package org.vanguard.hub.mailbox;

import org.springframework.modulith.ApplicationModule;
