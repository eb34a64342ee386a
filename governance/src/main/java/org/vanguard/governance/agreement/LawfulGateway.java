package org.vanguard.governance.agreement;

import org.vanguard.governance.Labels;

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
        return Labels.of(this);
    }

    public static LawfulGateway fromLabel(String label) {
        return Labels.parse(LawfulGateway.class, label, "common-law gateway");
    }
}
