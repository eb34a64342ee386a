package org.vanguard.governance.decision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    record Permit(
            DecisionRequest request, AgreementClause basis, List<Obligation> obligations, List<String> explanation)
            implements Decision {
        public Permit {
            obligations = List.copyOf(obligations);
            explanation = List.copyOf(explanation);
        }

        public Permit(DecisionRequest request, AgreementClause basis, List<String> explanation) {
            this(request, basis, List.of(), explanation);
        }
    }

    /**
     * Nothing is shared; every rule that denied says why. {@code considered} is the agreement clause the
     * decision was taken under when one names the exchange (in force, or suspended, draft, ended...), so that an
     * IG officer searching the audit by agreement finds its refusals too (DOMAIN.md step 8: agreement and rule
     * on every decision); empty only when no agreement names the exchange at all.
     */
    record Deny(
            DecisionRequest request,
            List<DenyReason> reasons,
            Optional<AgreementClause> considered,
            List<String> explanation)
            implements Decision {
        public Deny {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a denial needs at least one reason");
            }
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(considered, "considered");
            explanation = List.copyOf(explanation);
        }

        /** A denial with no agreement naming the exchange. */
        public Deny(DecisionRequest request, List<DenyReason> reasons, List<String> explanation) {
            this(request, reasons, Optional.empty(), explanation);
        }
    }
}
