/**
 * What the hub tells a sender's system it is held to, so a client can be generated from it rather than from the
 * README: {@code GET /fhir/metadata} (a CapabilityStatement that names exactly what is served), the hub's
 * StructureDefinitions with their snapshots and the MessageDefinitions of the events it receives.
 */
@ApplicationModule(displayName = "Conformance")
@NullMarked
package org.vanguard.hub.conformance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
