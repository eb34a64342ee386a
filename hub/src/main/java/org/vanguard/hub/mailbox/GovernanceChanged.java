package org.vanguard.hub.mailbox;

import java.util.Optional;
import org.vanguard.governance.patient.NhsNumber;

/**
 * Published when something a decision depends on has changed (a Consent, an objection, a relationship): the
 * deliveries still waiting for that patient, or for everyone when no patient is named, must be decided again.
 */
public record GovernanceChanged(Optional<NhsNumber> patient, String what) {

    public static GovernanceChanged forPatient(NhsNumber patient, String what) {
        return new GovernanceChanged(Optional.of(patient), what);
    }

    public static GovernanceChanged forEveryone(String what) {
        return new GovernanceChanged(Optional.empty(), what);
    }
}
