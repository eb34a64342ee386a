/**
 * Delivery after dispatch, the hub's side: the database behind the push endpoints, the delivered-ids
 * ledger, dead letters and replay jobs; the mutual-TLS HTTP client the hub pushes with; and the wiring that
 * starts a push route for every registered endpoint; and the admin API over endpoints, dead letters and replays.
 */
@ApplicationModule(displayName = "Delivery")
@NullMarked
package org.vanguard.hub.delivery;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
