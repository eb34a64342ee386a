package org.vanguard.governance.decision;

import java.util.List;
import java.util.function.Function;
import org.vanguard.governance.agreement.AgreementClause;

/**
 * The outcome of one decision. Sealed, so that every place that acts on a decision handles every kind
 * of outcome, and a new kind is a compile error until it is handled.
 */
public sealed interface Decision {

    DecisionRequest request();

    /** The decision in sentences, from the rule that settled it to the records it relied on. */
    List<String> explanation();

    /**
     * Handles each kind of outcome. Java 17 has no pattern switch, so this is where exhaustiveness lives:
     * a new kind of decision changes this signature and breaks every caller until it is handled.
     */
    default <T> T fold(Function<Permit, T> onPermit, Function<Deny, T> onDeny) {
        if (this instanceof Permit permit) {
            return onPermit.apply(permit);
        }
        return onDeny.apply((Deny) this);
    }

    /** Sharing is allowed, on the basis of the agreement clause named, once the obligations are applied. */
    record Permit(DecisionRequest request, AgreementClause basis, List<Obligation> obligations, List<String> explanation)
            implements Decision {
        public Permit {
            obligations = List.copyOf(obligations);
            explanation = List.copyOf(explanation);
        }

        public Permit(DecisionRequest request, AgreementClause basis, List<String> explanation) {
            this(request, basis, List.of(), explanation);
        }
    }

    /** Nothing is shared; every rule that denied says why. */
    record Deny(DecisionRequest request, List<DenyReason> reasons, List<String> explanation) implements Decision {
        public Deny {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a denial needs at least one reason");
            }
            reasons = List.copyOf(reasons);
            explanation = List.copyOf(explanation);
        }
    }
}
