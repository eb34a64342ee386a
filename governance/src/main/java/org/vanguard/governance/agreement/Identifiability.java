package org.vanguard.governance.agreement;

import org.vanguard.governance.Labels;

/** How identifiable shared data may be under an agreement's data scope (ICO anonymisation guidance). */
public enum Identifiability {
    IDENTIFIABLE,
    PSEUDONYMISED,
    ANONYMISED;

    public String label() {
        return Labels.of(this);
    }

    public static Identifiability fromLabel(String label) {
        return Labels.parse(Identifiability.class, label, "identifiability");
    }
}
