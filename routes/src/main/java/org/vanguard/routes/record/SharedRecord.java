package org.vanguard.routes.record;

import java.time.Instant;
import java.util.Objects;
import org.vanguard.governance.patient.NhsNumber;

/**
 * One version of a shared record as the hub keeps it: the resource as its source sent it (minimisation
 * happens per recipient, when it leaves), a hash of that content to tell a changed resource from a repeat,
 * and the message that brought it.
 */
public record SharedRecord(
        RecordKey key,
        NhsNumber patient,
        RecordVersion version,
        String contentHash,
        String resourceJson,
        String hubMessageId,
        Instant storedAt) {

    public SharedRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(resourceJson, "resourceJson");
        Objects.requireNonNull(hubMessageId, "hubMessageId");
        Objects.requireNonNull(storedAt, "storedAt");
    }
}
