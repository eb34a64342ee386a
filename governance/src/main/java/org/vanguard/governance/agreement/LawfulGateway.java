package org.vanguard.governance.agreement;

import java.util.Arrays;
import java.util.Locale;

/**
 * The common-law gateway that sets aside the duty of confidentiality for a purpose. It decides which
 * objections apply: implied consent for direct care; s251 support brings the National Data Opt-out in.
 */
public enum LawfulGateway {
    IMPLIED_CONSENT,
    EXPLICIT_CONSENT,
    S251,
    LEGAL_DUTY,
    PUBLIC_INTEREST,
    COPI,
    ANONYMISED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LawfulGateway fromLabel(String label) {
        return Arrays.stream(values())
                .filter(g -> g.label().equalsIgnoreCase(label.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown common-law gateway '" + label
                        + "'; expected one of " + Arrays.stream(values()).map(LawfulGateway::label).toList()));
    }
}
