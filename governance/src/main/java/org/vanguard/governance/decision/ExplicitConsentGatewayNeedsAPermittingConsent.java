package org.vanguard.governance.decision;

import java.util.Optional;
import org.vanguard.governance.agreement.LawfulGateway;
import org.vanguard.governance.agreement.PurposeTerms;
import org.vanguard.governance.consent.ConsentVerdict;

/**
 * Where the agreement rests a purpose on explicit consent, only a Consent that permits this recipient and
 * purpose lets the data go: silence is not consent (common-law duty of confidentiality; DOMAIN.md step 5).
 * A Consent that denies is already reported by {@link DenyingConsentDenies}, so this rule then stays silent.
 */
public final class ExplicitConsentGatewayNeedsAPermittingConsent implements DecisionRule {

    @Override
    public Optional<DenyReason> evaluate(DecisionContext context) {
        Optional<PurposeTerms> terms = context.purposeTerms();
        if (terms.isEmpty() || terms.get().gateway() != LawfulGateway.EXPLICIT_CONSENT) {
            return Optional.empty();
        }
        ConsentVerdict verdict = context.consent();
        if (verdict.permits()) {
            context.note("Explicit consent, the gateway " + context.clauseReference() + " gives for "
                    + context.purpose().code() + ", is given by " + verdict.citation() + ".");
            return Optional.empty();
        }
        if (verdict.denies()) {
            return Optional.empty();
        }
        return Optional.of(new DenyReason(
                ReasonCode.NO_PATIENT_CONSENT,
                name(),
                "Agreement " + context.clauseReference()
                        + " rests " + context.purpose().code()
                        + " on explicit consent, and no Consent of the patient permits "
                        + context.request().recipient() + " to receive "
                        + context.request().resourceType() + " for it: "
                        + verdict.citation() + "."));
    }
}
