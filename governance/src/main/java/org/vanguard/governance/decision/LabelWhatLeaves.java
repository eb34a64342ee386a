package org.vanguard.governance.decision;

/**
 * Everything that leaves is labelled with its confidentiality (HL7 v3 Confidentiality in {@code meta.security};
 * DOMAIN.md step 7): normal (N) here, raised to restricted (R) by the applier for a restricted patient.
 */
public final class LabelWhatLeaves implements ObligationRule {

    private static final Obligation.LabelOutbound NORMAL = new Obligation.LabelOutbound("N");

    @Override
    public void apply(DecisionContext context) {
        context.oblige(NORMAL, "What leaves is labelled confidentiality N (normal), or R for a restricted patient.");
    }
}
