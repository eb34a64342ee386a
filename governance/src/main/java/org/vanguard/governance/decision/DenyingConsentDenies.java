package org.vanguard.governance.decision;

import java.util.Optional;
import org.vanguard.governance.consent.ConsentVerdict;

/**
 * A patient's active Consent that denies this recipient, purpose or resource class is honoured, for direct
 * care and secondary use alike (FHIR R4 Consent, IHE PCF; DOMAIN.md steps 4 and 5). For emergency care or
 * break-glass an emergency override with a coded reason sets it aside, alerted and queued for review.
 */
public final class DenyingConsentDenies implements DecisionRule {

    @Override
    public Optional<DenyReason> evaluate(DecisionContext context) {
        ConsentVerdict verdict = context.consent();
        if (verdict.permits()) {
            context.note("Consent: " + verdict.citation() + " permits "
                    + context.request().recipient() + " to receive "
                    + context.request().resourceType() + " for "
                    + context.purpose().code() + ".");
            return Optional.empty();
        }
        if (!verdict.denies()) {
            if (verdict.record().isPresent()) {
                context.note("Consent: " + verdict.citation() + ".");
            }
            return Optional.empty();
        }
        String denial = verdict.citation() + " denies " + context.request().recipient() + " receiving "
                + context.request().resourceType() + " for " + context.purpose().code();
        Optional<EmergencyOverride> override = context.emergencyOverride();
        if (override.isPresent() && context.purpose().isDirectCare()) {
            context.overrideUsed("Emergency override: " + denial + ", and this was set aside by "
                    + Overrides.describe(override.get())
                    + "; the access is alerted and queued for IG officers' review.");
            return Optional.empty();
        }
        return Optional.of(new DenyReason(
                ReasonCode.NO_PATIENT_CONSENT, name(), "The patient's " + denial + Overrides.missing(context) + "."));
    }
}
