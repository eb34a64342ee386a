package org.vanguard.governance.decision;

/**
 * A restricted patient (R in {@code meta.security}, e.g. someone whose whereabouts must be protected) loses
 * address, telecom and contacts before a Patient leaves (DOMAIN.md step 6). Whether the record is restricted
 * is seen by whoever applies the obligation, so every permitted Patient carries it.
 */
public final class RestrictedPatientsLoseContactDetails implements ObligationRule {

    private static final Obligation.RedactRestrictedPatient REDACT = new Obligation.RedactRestrictedPatient();

    @Override
    public void apply(DecisionContext context) {
        if ("Patient".equals(context.request().resourceType())) {
            context.oblige(
                    REDACT,
                    "If the patient's record is restricted (R), its address, telecom and contacts are removed.");
        }
    }
}
