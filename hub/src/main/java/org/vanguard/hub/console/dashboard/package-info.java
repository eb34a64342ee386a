/**
 * The flows dashboard for IG officers and operators: messages received, permitted, denied by reason, delivered and
 * dead-lettered per hour or day, per participant and per purpose; delivery latency; mailbox depths; break-glass
 * overrides and reviews outstanding; agreements by status and due for review. Every figure is read where the hub keeps
 * it (the audit chain, the dead letters, the review queue, the agreements, the live meters), never from a copy of its
 * own that could drift; charts are drawn by Chart.js from the jar, fed by a JSON endpoint on the console's port.
 */
@NullMarked
package org.vanguard.hub.console.dashboard;

import org.jspecify.annotations.NullMarked;
