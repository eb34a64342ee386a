/**
 * What runs inside an Artemis broker for the hub's participants on AMQP: their security (certificate identity, exact
 * permissions), the sender stamp, the FHIR content type, the presentation of deliveries and the receipts of what they
 * acknowledge. The embedded broker registers these classes itself; an external broker of a cluster loads them from the
 * broker plugin jar the build makes of this package alone ({@code hub/target/broker-lib}, deploy/cluster), so nothing
 * here may use the rest of the hub, Spring or any library the Artemis distribution does not ship (the PostgreSQL
 * driver, for {@link org.vanguard.hub.broker.plugin.CertificateSecurityManager}, is copied beside it). A plugin
 * implements {@code ActiveMQServerPlugin}, the type a broker.xml {@code <broker-plugin>} must have, and a no-argument
 * constructor; its properties come through {@code init}.
 */
@NullMarked
package org.vanguard.hub.broker.plugin;

import org.jspecify.annotations.NullMarked;
