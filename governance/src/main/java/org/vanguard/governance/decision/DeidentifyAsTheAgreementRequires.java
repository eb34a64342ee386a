package org.vanguard.governance.decision;

import java.util.Optional;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.Identifiability;
import org.vanguard.governance.agreement.LawfulGateway;
import org.vanguard.governance.agreement.PurposeTerms;

/**
 * Data leaves no more identifiable than the agreement allows: its data scope may ask for pseudonymised or
 * anonymised data, and a purpose resting on the anonymised gateway must be anonymised whatever the scope says
 * (ICO anonymisation guidance; DOMAIN.md step 5, "anonymised strips identifiers").
 */
public final class DeidentifyAsTheAgreementRequires implements ObligationRule {

    private static final Obligation.Deidentify PSEUDONYMISE = new Obligation.Deidentify(Identifiability.PSEUDONYMISED);
    private static final Obligation.Deidentify ANONYMISE = new Obligation.Deidentify(Identifiability.ANONYMISED);

    @Override
    public void apply(DecisionContext context) {
        Optional<Agreement> agreement = context.agreement();
        if (agreement.isEmpty()) {
            return;
        }
        Optional<PurposeTerms> terms = context.purposeTerms();
        if (terms.isPresent() && terms.get().gateway() == LawfulGateway.ANONYMISED) {
            context.oblige(ANONYMISE, "Anonymised: " + context.clauseReference() + " rests " + context.purpose().code()
                    + " on anonymised data, so identifiers are stripped.");
            return;
        }
        Identifiability level = agreement.get().dataScope().identifiability();
        if (level != Identifiability.IDENTIFIABLE) {
            context.oblige(level == Identifiability.ANONYMISED ? ANONYMISE : PSEUDONYMISE, "De-identified: "
                    + context.clauseReference() + " allows only " + level.label() + " data.");
        }
    }
}
