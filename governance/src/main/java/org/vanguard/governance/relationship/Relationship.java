package org.vanguard.governance.relationship;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;

/**
 * A participant's relationship with a patient, in force from {@code since} until {@code until} (open when
 * empty), with its source (the message or admin action that established it) for explanations.
 */
public record Relationship(
        NhsNumber patient,
        OdsCode participant,
        RelationshipKind kind,
        Instant since,
        Optional<Instant> until,
        String source) {

    public Relationship {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(source, "source");
    }

    public boolean isInForceAt(Instant instant) {
        return !instant.isBefore(since) && until.map(u -> instant.isBefore(u)).orElse(true);
    }
}
