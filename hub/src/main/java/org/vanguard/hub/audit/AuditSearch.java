package org.vanguard.hub.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * What an IG officer looks for in the audit; every criterion optional, all given ones must hold.
 *
 * @param participant a participant's ODS code, as sender or recipient of a decision or the subject of an admin change
 * @param agreement an agreement id; matches decisions under any version or clause of it, and changes to it
 * @param kind {@code DISPATCH}, {@code COLLECTION}, {@code ADMIN} or {@code RECEIPT}
 * @param from inclusive lower bound of the recording time
 * @param to exclusive upper bound of the recording time
 */
public record AuditSearch(
        Optional<String> messageId,
        Optional<String> nhsNumber,
        Optional<String> sender,
        Optional<String> recipient,
        Optional<String> participant,
        Optional<String> agreement,
        Optional<String> purpose,
        Optional<String> kind,
        Optional<Instant> from,
        Optional<Instant> to,
        int limit) {

    /** Everything recorded about one patient. */
    public static AuditSearch patient(String nhsNumber, int limit) {
        return new AuditSearch(
                Optional.empty(),
                Optional.of(nhsNumber),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                limit);
    }
}
