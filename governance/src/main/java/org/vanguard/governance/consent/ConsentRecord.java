package org.vanguard.governance.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;

/**
 * A patient's privacy Consent as the hub keeps it. {@code root} is {@code Consent.provision}: its type is
 * the base decision, its nested provisions the exceptions.
 *
 * @param id the Consent's id as the sender gave it (or the hub's, if none), quoted in explanations
 * @param dateTime when the choice was recorded ({@code Consent.dateTime}); the latest supersedes
 * @param recordedBy the participant that sent it
 */
public record ConsentRecord(
        String id,
        NhsNumber patient,
        ConsentState state,
        Instant dateTime,
        Optional<OdsCode> recordedBy,
        ConsentProvision root) {

    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dateTime, "dateTime");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(root, "root");
    }

    public boolean isActive() {
        return state == ConsentState.ACTIVE;
    }
}
