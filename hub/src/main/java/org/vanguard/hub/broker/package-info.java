/**
 * The broker side of the hub: the embedded Artemis server's journal and address settings, and the Camel
 * JMS component that routes use, so that durability and redelivery are configured in one place.
 */
package org.vanguard.hub.broker;
