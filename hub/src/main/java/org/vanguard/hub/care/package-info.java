/**
 * Care relationships on the hub's database, learnt from messages, the demo caseload and the admin API: care teams
 * and their caseloads, legitimate relationships and standing subscriptions.
 */
@ApplicationModule(displayName = "Care relationships")
@NullMarked
package org.vanguard.hub.care;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
