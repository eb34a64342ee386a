package org.vanguard.routes.intake;

import java.time.Duration;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.message.HubEvent;

/**
 * Port through which the intake tells whoever watches the hub (the hub's metrics) what became of each message: accepted
 * for an event, or refused for a reason, and how long the hub took to read and check it. The intake itself stays free of
 * any metrics library; a refusal for load ({@link IntakeBusyException}) is counted by {@link IntakeAdmission} instead.
 */
public interface IntakeObservations {

    /** Nobody watching. */
    IntakeObservations NONE = new IntakeObservations() {
        @Override
        public void accepted(HubEvent event, Duration checking) {}

        @Override
        public void refused(Rejection reason, Duration checking) {}
    };

    /** A message of {@code event} passed every check; {@code checking}: parsing, reading and validating it. */
    void accepted(HubEvent event, Duration checking);

    /** A message was refused as a client mistake ({@code reason}, the 4xx it answers). */
    void refused(Rejection reason, Duration checking);
}
