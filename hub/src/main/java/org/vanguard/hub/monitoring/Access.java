package org.vanguard.hub.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One access to a patient's shared record, as the audit chain has it.
 *
 * @param who the person ({@code user:<name>}) or participant (ODS code) that looked
 * @param kind how: a console view, a participant's query, a break-glass
 * @param patient the NHS number
 * @param outsideRelationship the access was refused for want of a legitimate relationship, or opened only by break-glass
 */
public record Access(Instant at, String who, Kind kind, String patient, boolean outsideRelationship) {

    /** How the record was asked for. */
    public enum Kind {
        CONSOLE_VIEW,
        QUERY,
        BREAK_GLASS
    }

    public Access {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(patient, "patient");
    }
}
