/**
 * The shared record: the latest version of each record per source and its history on the database, and the query API
 * ({@code GET /fhir/Patient}, {@code GET /fhir/CarePlan}) that answers a participant with what it may see for its
 * declared purpose of use.
 */
@ApplicationModule(displayName = "Shared record")
@NullMarked
package org.vanguard.hub.record;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
