package org.vanguard.governance.participant;

import java.util.Arrays;
import java.util.Locale;

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
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ParticipantKind fromLabel(String label) {
        return Arrays.stream(values())
                .filter(kind -> kind.label().equalsIgnoreCase(label.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown participant kind '" + label
                        + "'; expected one of " + Arrays.stream(values()).map(ParticipantKind::label).toList()));
    }
}
