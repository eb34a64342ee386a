package org.vanguard.governance.decision;

import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.agreement.Agreement;

/**
 * Only the elements the agreement's data scope lists for a resource type leave the hub (UK GDPR Art 5(1)(c),
 * data minimisation; DOMAIN.md step 6). A type the scope does not list keeps all its elements.
 */
public final class KeepOnlyTheAgreedElements implements ObligationRule {

    @Override
    public void apply(DecisionContext context) {
        Optional<Agreement> agreement = context.agreement();
        if (agreement.isEmpty()) {
            return;
        }
        String type = context.request().resourceType();
        Optional<Set<String>> elements = agreement.get().dataScope().elementsOf(type);
        if (elements.isPresent()) {
            context.oblige(
                    new Obligation.KeepOnlyElements(type, elements.get()),
                    "Minimised: only the elements of "
                            + type + " that " + agreement.get().id() + " v"
                            + agreement.get().version()
                            + " dataScope.elements allows leave: "
                            + String.join(", ", elements.get().stream().sorted().toList()) + ".");
        }
    }
}
