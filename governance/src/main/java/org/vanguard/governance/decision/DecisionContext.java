package org.vanguard.governance.decision;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.vanguard.governance.agreement.AgreementCatalogue;

/**
 * What a rule may look at: the request, the day it is decided on (from the injected clock, never the
 * system's), the agreement clauses naming the exchange and the one in force, if any.
 */
public record DecisionContext(
        DecisionRequest request,
        LocalDate today,
        List<AgreementCatalogue.Candidate> clausesNamingExchange,
        Optional<AgreementCatalogue.Candidate> clauseInForce) {

    public DecisionContext {
        clausesNamingExchange = List.copyOf(clausesNamingExchange);
    }
}
