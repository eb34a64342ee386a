package org.vanguard.governance.decision;

import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;

/** One question to the policy: may this sender share this kind of record about this patient with this recipient for this purpose? */
public record DecisionRequest(
        OdsCode sender,
        OdsCode recipient,
        Purpose purpose,
        NhsNumber patient,
        String resourceType,
        Optional<EmergencyOverride> emergency) {

    public DecisionRequest(OdsCode sender, OdsCode recipient, Purpose purpose, NhsNumber patient, String resourceType) {
        this(sender, recipient, purpose, patient, resourceType, Optional.empty());
    }

    public DecisionRequest {
        Objects.requireNonNull(emergency, "emergency");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(patient, "patient");
        if (resourceType == null || resourceType.isBlank()) {
            throw new IllegalArgumentException("a decision needs the resource type being shared");
        }
    }

    /** The question in words, for explanations. */
    public String describe() {
        return sender + " sharing " + resourceType + " with " + recipient + " for " + purpose.code() + " ("
                + purpose.display() + ")";
    }
}
