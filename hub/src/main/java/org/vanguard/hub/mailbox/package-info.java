/**
 * A participant's mailbox: its queue on the hub's broker, listed, read and acknowledged over HTTPS. The
 * queue is the mailbox, so what REST shows is exactly what an AMQP consumer would receive.
 */
@ApplicationModule(displayName = "Mailboxes")
@NullMarked
package org.vanguard.hub.mailbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
