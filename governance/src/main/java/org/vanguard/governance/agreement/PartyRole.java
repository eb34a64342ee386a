package org.vanguard.governance.agreement;

import java.util.Arrays;
import java.util.Locale;

/** UK GDPR roles a party can hold under an agreement; they decide who answers for the data. */
public enum PartyRole {
    CONTROLLER,
    JOINT_CONTROLLER,
    PROCESSOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PartyRole fromLabel(String label) {
        return Arrays.stream(values())
                .filter(r -> r.label().equalsIgnoreCase(label.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown party role '" + label
                        + "'; expected one of " + Arrays.stream(values()).map(PartyRole::label).toList()));
    }
}
