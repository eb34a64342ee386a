package org.vanguard.hub.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change an IG officer made through the admin API (an agreement approved or suspended, an objection recorded, a
 * relationship ended, a review closed, the signing key rotated), recorded in the same hash chain as decisions.
 *
 * @param action what was done, as {@code <object>.<verb>} (e.g. {@code agreement.suspend})
 * @param detail the change in words, with the officer's reason when they gave one
 */
public record AdminChange(
        Instant at,
        String officer,
        String action,
        String detail,
        Optional<String> nhsNumber,
        Optional<String> participant,
        Optional<String> agreement) {

    /** An MDT member opened a patient's shared record in the console. */
    public static final String RECORD_VIEW = "mdt.view";

    /** An MDT member opened a patient's shared record by break-glass. */
    public static final String BREAK_GLASS = "mdt.break-glass";

    public AdminChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(action, "action");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(agreement, "agreement");
    }

    /** A change to no particular patient, participant or agreement. */
    public static AdminChange of(Instant at, String officer, String action, String detail) {
        return new AdminChange(at, officer, action, detail, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AdminChange aboutPatient(String nhs) {
        return new AdminChange(at, officer, action, detail, Optional.of(nhs), participant, agreement);
    }

    public AdminChange aboutParticipant(String ods) {
        return new AdminChange(at, officer, action, detail, nhsNumber, Optional.of(ods), agreement);
    }

    public AdminChange aboutAgreement(String reference) {
        return new AdminChange(at, officer, action, detail, nhsNumber, participant, Optional.of(reference));
    }
}
