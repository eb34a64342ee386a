package org.vanguard.governance.agreement;

import org.vanguard.governance.Labels;

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
        return Labels.of(this);
    }

    public static AgreementStatus fromLabel(String label) {
        return Labels.parse(AgreementStatus.class, label, "agreement status");
    }
}
