package org.vanguard.governance.participant;

import org.vanguard.governance.Labels;

/** The kinds of organisation in a New Care Models vanguard; the kind shapes which agreements make sense. */
public enum ParticipantKind {
    CARE_HOME,
    GP_PRACTICE,
    ACUTE_TRUST,
    COMMUNITY_PROVIDER,
    LOCAL_AUTHORITY,
    ANALYTICS_SERVICE,
    /** A multidisciplinary team hosted by the hub, with members from several organisations. */
    CARE_TEAM;

    /** The spelling used in agreement and participant files, e.g. {@code care-home}. */
    public String label() {
        return Labels.of(this);
    }

    public static ParticipantKind fromLabel(String label) {
        return Labels.parse(ParticipantKind.class, label, "participant kind");
    }
}
