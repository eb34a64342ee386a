package org.vanguard.governance.audit;

import java.util.List;

/** Port to the durable audit trail; the hub implements it on its database. */
public interface AuditLog {

    /** Records the entries together: all of them or, on failure, none. */
    void record(List<AuditEntry> entries);
}
