package org.vanguard.governance.audit;

import java.util.List;

/** Port to the durable audit trail; the hub implements it on its database. */
public interface AuditLog {

    /**
     * Records the entries together: all of them or, on failure, none. An entry whose
     * {@link AuditEntry#idempotencyKey()} is already recorded is not recorded again, so a caller whose own
     * transaction rolled back after this one committed may simply decide and record again.
     */
    void record(List<AuditEntry> entries);
}
