package org.vanguard.hub.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a person may do on the admin API. The IG officer governs sharing (agreements, objections, consent and
 * relationships, reviews, audit and disclosure reports, care teams and subscriptions); the operator runs the
 * hub (queues, signing keys, audit checkpoints, operator accounts) and sees no patient data; the MDT member
 * reads agreements and their own MDT's audit trail and changes nothing.
 */
public enum Role {
    IG_OFFICER("ig-officer", "IG officer"),
    OPERATOR("operator", "operator"),
    MDT_MEMBER("mdt-member", "MDT member");

    private final String code;
    private final String label;

    Role(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The spelling in requests, responses and the database, e.g. {@code ig-officer}. */
    public String code() {
        return code;
    }

    /** The role in words, for refusals: "IG officer". */
    public String label() {
        return label;
    }

    public static Role fromCode(String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.code.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + code + "'; expected one of "
                        + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "))));
    }
}
