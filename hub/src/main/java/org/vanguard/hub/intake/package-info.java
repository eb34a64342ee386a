/**
 * Intake as the running hub serves it: {@code POST /fhir/$process-message}, answered only once the message is durably
 * queued; signed intake for the participants that must sign ({@code X-Participant-Signature}); and backpressure: the
 * intake queue's backlog read from the embedded broker, the admission rules of {@code routes.intake.IntakeAdmission}
 * built with it, and the adaptive limit on requests taken in at once ({@link org.vanguard.hub.intake.IntakeConcurrency});
 * their refusals answered as 503 or 429 with {@code Retry-After} and an OperationOutcome, and the state shown in health
 * and metrics.
 */
@ApplicationModule(displayName = "Intake")
@NullMarked
package org.vanguard.hub.intake;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
