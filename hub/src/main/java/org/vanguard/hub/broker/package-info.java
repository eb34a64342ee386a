/**
 * The broker side of the hub: the embedded Artemis server's journal and address settings, the Camel JMS
 * component that routes use, and who may do what on the broker (the hub in-VM; participants over AMQP 1.0
 * with TLS client certificates, each only on its own mailbox, its own reply queue and the AMQP intake), so
 * that durability, redelivery and broker security are configured in one place; operators read the queues' depths
 * through the admin API.
 */
@ApplicationModule(displayName = "Broker")
@NullMarked
package org.vanguard.hub.broker;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
