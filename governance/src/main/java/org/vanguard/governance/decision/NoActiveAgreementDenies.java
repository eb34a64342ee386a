package org.vanguard.governance.decision;

import java.util.Optional;
import java.util.stream.Collectors;
import org.vanguard.governance.agreement.AgreementCatalogue.Candidate;

/**
 * Data crosses an organisational boundary only under an active, in-date agreement that covers the
 * sender, the recipient, the resource type and the purpose (ICO data sharing code; DOMAIN.md step 3).
 */
public final class NoActiveAgreementDenies implements DecisionRule {

    @Override
    public Optional<DenyReason> evaluate(DecisionContext context) {
        if (context.clauseInForce().isPresent()) {
            return Optional.empty();
        }
        String question = context.request().describe();
        if (context.clausesNamingExchange().isEmpty()) {
            return Optional.of(
                    new DenyReason(ReasonCode.NO_AGREEMENT, name(), "No agreement covers " + question + "."));
        }
        String notInForce = context.clausesNamingExchange().stream()
                .map(c -> describe(c, context))
                .collect(Collectors.joining("; "));
        return Optional.of(new DenyReason(
                ReasonCode.NO_AGREEMENT,
                name(),
                "No agreement in force on " + context.today() + " covers " + question + ": " + notInForce + "."));
    }

    private static String describe(Candidate candidate, DecisionContext context) {
        return candidate.clause().reference() + " would cover it, but "
                + candidate.agreement().whyNotInForceOn(context.today());
    }
}
