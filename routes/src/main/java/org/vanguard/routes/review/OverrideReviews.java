package org.vanguard.routes.review;

import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.EmergencyOverride;

/** The IG officers' review queue of emergency overrides (the hub keeps it in its database). */
public interface OverrideReviews {

    /** Opens a review of a permit that rested on an emergency override. */
    void open(String messageId, Decision.Permit permit, EmergencyOverride override);
}
