/**
 * What every feature's HTTP endpoints share, so each feature keeps only its own handlers: who is calling (a participant
 * system by its client certificate, {@link org.vanguard.hub.web.AuthenticatedParticipant}; a person with their
 * {@link org.vanguard.hub.web.Role}s, {@link org.vanguard.hub.web.AuthenticatedOfficer}; the roles an endpoint requires,
 * {@link org.vanguard.hub.web.RequiresRole}) handed to handlers as Spring Security decided it; FHIR answers the way
 * standard clients expect them (FHIR JSON, XML on request, search sets with paging and {@code _summary}); and every
 * refusal or failure as an OperationOutcome with the right status, from the handlers, the {@code /error} path and
 * Tomcat itself, with the security headers and the readiness gate in front. No feature's endpoint lives here.
 */
@ApplicationModule(
        displayName = "Web (shared)",
        allowedDependencies = {})
@NullMarked
package org.vanguard.hub.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
