package org.vanguard.governance.objection;

import java.time.Instant;
import java.util.Objects;
import org.vanguard.governance.patient.NhsNumber;

/** One standing objection, where it came from and when, for explanations. */
public record Objection(NhsNumber patient, ObjectionType type, Instant recordedAt, String source) {

    public Objection {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(source, "source");
    }
}
