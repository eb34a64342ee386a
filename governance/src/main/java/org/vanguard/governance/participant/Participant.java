package org.vanguard.governance.participant;

import java.util.Objects;
import java.util.Optional;

/**
 * An organisation or hosted care team taking part in the vanguard. A care team names the organisation
 * that hosts it, which answers for it in agreements.
 */
public record Participant(OdsCode ods, String name, ParticipantKind kind, Optional<OdsCode> hostedBy) {

    public Participant {
        Objects.requireNonNull(ods, "ods");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hostedBy, "hostedBy");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("participant " + ods + " needs a name");
        }
        if (kind == ParticipantKind.CARE_TEAM && hostedBy.isEmpty()) {
            throw new IllegalArgumentException("care team " + ods + " must name the organisation hosting it");
        }
    }
}
