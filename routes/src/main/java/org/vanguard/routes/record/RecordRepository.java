package org.vanguard.routes.record;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.vanguard.governance.patient.NhsNumber;

/** Where shared records are kept (the hub's database): the latest version per record, and every version kept. */
public interface RecordRepository {

    /** The latest version held of a record, if any. */
    Optional<SharedRecord> held(RecordKey key);

    /** The latest version of every record of this type about the patient, from every source. */
    List<SharedRecord> latestAbout(NhsNumber patient, String resourceType);

    /**
     * In one transaction, with the held rows locked: asks {@code staleness} about each offered record against
     * the version held (null when none), and keeps all of them (latest and history) only if none is stale.
     *
     * @return the stale ones; empty when everything was kept
     */
    List<StaleRecord> keepUnlessStale(
            List<SharedRecord> offered, BiFunction<SharedRecord, SharedRecord, Optional<StaleRecord>> staleness);
}
