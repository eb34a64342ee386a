package org.vanguard.hub.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the IG officer concluded about an emergency override. */
public enum ReviewOutcome {
    JUSTIFIED("justified"),
    NOT_JUSTIFIED("not-justified");

    private final String code;

    ReviewOutcome(String code) {
        this.code = code;
    }

    /** The spelling in requests and forms: {@code justified}, {@code not-justified}. */
    public String code() {
        return code;
    }

    public static ReviewOutcome fromCode(String code) {
        String wanted =
                code == null ? "" : code.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(o -> o.code.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome '" + code + "'; expected one of "
                        + Arrays.stream(values()).map(ReviewOutcome::code).collect(Collectors.joining(", "))));
    }
}
