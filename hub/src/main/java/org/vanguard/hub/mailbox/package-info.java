/**
 * A participant's mailbox: its queue on the hub's broker, listed, read and acknowledged over HTTPS. The
 * queue is the mailbox, so what REST shows is exactly what an AMQP consumer would receive.
 */
package org.vanguard.hub.mailbox;
