package org.vanguard.governance.agreement;

import java.util.Arrays;
import java.util.Locale;

/** How identifiable shared data may be under an agreement's data scope (ICO anonymisation guidance). */
public enum Identifiability {
    IDENTIFIABLE,
    PSEUDONYMISED,
    ANONYMISED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Identifiability fromLabel(String label) {
        return Arrays.stream(values())
                .filter(i -> i.label().equalsIgnoreCase(label.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown identifiability '" + label + "'; expected one of "
                        + Arrays.stream(values()).map(Identifiability::label).toList()));
    }
}
