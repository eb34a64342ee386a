/**
 * The hub's FHIR validation as a service: parsing limits from configuration, HAPI's full validator built
 * and warmed at start (off the intake path), {@code $validate} for senders to check a resource before they
 * send it, and the CapabilityStatement that names the hub's profiles and its NHS number requirement.
 */
@ApplicationModule(displayName = "Validation")
@NullMarked
package org.vanguard.hub.validation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
