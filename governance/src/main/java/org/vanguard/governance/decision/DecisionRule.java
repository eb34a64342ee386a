package org.vanguard.governance.decision;

import java.util.Optional;

/** One rule of the policy, named as the sentence it enforces; it either denies with a reason or stays silent. */
public interface DecisionRule {

    Optional<DenyReason> evaluate(DecisionContext context);

    default String name() {
        return getClass().getSimpleName();
    }
}
