/**
 * What lets several hub nodes share one database and broker: leases for the singleton jobs (ShedLock on the
 * {@code shedlock} table), and the cluster bus that tells every node of a change another node made to what each
 * holds in memory (revocations, agreement lifecycles, signing and pseudonym keys), over PostgreSQL's LISTEN/NOTIFY.
 */
@NullMarked
package org.vanguard.hub.cluster;

import org.jspecify.annotations.NullMarked;
