/**
 * Proactive access monitoring: rules over who opened which patients' records and when (the audit chain's console views,
 * participants' queries and break-glass overrides) that flag unusual access for an IG officer: a person or participant
 * whose volume jumps far above its own baseline, access at unusual hours, one person opening many patients outside
 * their legitimate relationships. Each alert says which rule fired and why, is listed on the flows dashboard and is
 * written to the audit chain. The rules are plain functions of the accesses ({@link AccessRules}), tested with generated
 * patterns; {@link AccessMonitor} runs them on a schedule.
 */
@ApplicationModule(displayName = "Access monitoring")
@NullMarked
package org.vanguard.hub.monitoring;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
