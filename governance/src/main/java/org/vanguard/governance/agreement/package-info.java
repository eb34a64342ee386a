/**
 * Information-sharing agreements as the ICO data sharing code describes them: parties, purposes with
 * their legal bases, flows and lifecycle. An agreement, not a role, is what lets data cross an
 * organisational boundary, so the decision starts here.
 */
@NullMarked
package org.vanguard.governance.agreement;

import org.jspecify.annotations.NullMarked;
