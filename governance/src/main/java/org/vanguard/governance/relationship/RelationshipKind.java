package org.vanguard.governance.relationship;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of legitimate relationship DOMAIN.md recognises for direct care. */
public enum RelationshipKind {
    REGISTERED_GP,
    CARE_HOME_RESIDENCY,
    ADMISSION,
    REFERRAL,
    MDT_CASELOAD;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RelationshipKind fromLabel(String label) {
        return Arrays.stream(values())
                .filter(k -> k.label().equalsIgnoreCase(label.trim()) || k.name().equalsIgnoreCase(label.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown relationship '" + label + "'; expected one of "
                        + Arrays.stream(values()).map(RelationshipKind::label).toList()));
    }
}
