/**
 * Builds governance from configuration so that governance itself stays free of Spring: the participants file, the
 * clock, the decision engine over governance's ports (agreements, consent, objections, relationships) and the
 * routes' planners that use it; and the IG officers' what-if, a decision asked for without sending anything.
 */
@ApplicationModule(displayName = "Governance")
@NullMarked
package org.vanguard.hub.governance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
