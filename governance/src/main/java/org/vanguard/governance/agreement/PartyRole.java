package org.vanguard.governance.agreement;

import org.vanguard.governance.Labels;

/** UK GDPR roles a party can hold under an agreement; they decide who answers for the data. */
public enum PartyRole {
    CONTROLLER,
    JOINT_CONTROLLER,
    PROCESSOR;

    public String label() {
        return Labels.of(this);
    }

    public static PartyRole fromLabel(String label) {
        return Labels.parse(PartyRole.class, label, "party role");
    }
}
