package org.vanguard.governance.relationship;

import org.vanguard.governance.Labels;

/** The kinds of legitimate relationship DOMAIN.md recognises for direct care. */
public enum RelationshipKind {
    REGISTERED_GP,
    CARE_HOME_RESIDENCY,
    ADMISSION,
    REFERRAL,
    MDT_CASELOAD;

    public String label() {
        return Labels.of(this);
    }

    public static RelationshipKind fromLabel(String label) {
        return Labels.parse(RelationshipKind.class, label, "relationship");
    }
}
