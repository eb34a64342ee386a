package org.vanguard.governance.decision;

import java.util.Objects;

/** One reason a rule denied, with the rule's name and a sentence an IG officer can read. */
public record DenyReason(ReasonCode code, String rule, String text) {

    public DenyReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(text, "text");
    }
}
