package org.vanguard.governance.agreement;

import java.util.Arrays;
import java.util.Locale;

/**
 * Lifecycle of an agreement. Only {@code ACTIVE} lets data flow: a draft is not yet approved by every
 * party, and suspension or termination stops flows at once.
 */
public enum AgreementStatus {
    DRAFT,
    ACTIVE,
    SUSPENDED,
    EXPIRED,
    TERMINATED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgreementStatus fromLabel(String label) {
        return Arrays.stream(values())
                .filter(s -> s.label().equalsIgnoreCase(label.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown agreement status '" + label
                        + "'; expected one of " + Arrays.stream(values()).map(AgreementStatus::label).toList()));
    }
}
