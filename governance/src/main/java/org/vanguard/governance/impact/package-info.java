/**
 * The impact of an agreement change before it takes effect: a new version approved, a suspension or a
 * termination is weighed by deciding again, as of today, the exchanges the audit recorded over a recent window,
 * once with the agreements as they stand and once with the change, and reporting what would differ. An IG
 * officer then approves or suspends knowing which flows, purposes and how many messages it touches (the ICO
 * data sharing code asks that changes to an agreement be assessed before they are made).
 */
@NullMarked
package org.vanguard.governance.impact;

import org.jspecify.annotations.NullMarked;
