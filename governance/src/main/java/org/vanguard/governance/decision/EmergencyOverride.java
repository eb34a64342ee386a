package org.vanguard.governance.decision;

import java.util.Objects;

/**
 * An emergency override (ETREAT or BTG) with the coded reason the clinician gave. It lets direct care
 * proceed over a patient's objection, and is always alerted and queued for an IG officer's review.
 *
 * @param reasonCode the coded reason (e.g. a v3 ActReason or local code), required: no code, no override
 * @param reasonText the clinician's words, if any
 * @param requestedBy who invoked it (person or system), as reported by the requester
 */
public record EmergencyOverride(String reasonCode, String reasonText, String requestedBy) {

    public EmergencyOverride {
        if (reasonCode == null || reasonCode.isBlank()) {
            throw new IllegalArgumentException("an emergency override needs a coded reason");
        }
        reasonText = reasonText == null ? "" : reasonText;
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
