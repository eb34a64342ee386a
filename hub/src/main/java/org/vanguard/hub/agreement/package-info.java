/**
 * Information-sharing agreements as the running hub keeps them: read from the reviewed files and the IG officers'
 * drafts behind governance's {@code AgreementStore} port (each text kept by fingerprint), their lifecycle (approve,
 * suspend, resume, terminate) logged on the database, the impact of a change, review reminders, the FHIR
 * {@code Contract} export and the care-model templates, and the admin API over all of it. FHIR mapping lives here
 * because governance knows no HAPI.
 */
@ApplicationModule(displayName = "Agreements")
@NullMarked
package org.vanguard.hub.agreement;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
