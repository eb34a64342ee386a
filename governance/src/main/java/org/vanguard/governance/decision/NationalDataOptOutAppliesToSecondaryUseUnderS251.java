package org.vanguard.governance.decision;

import java.util.Optional;
import org.vanguard.governance.agreement.LawfulGateway;
import org.vanguard.governance.agreement.PurposeTerms;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionType;

/**
 * The National Data Opt-out removes a patient's data from secondary use that rests on s251 support (National
 * Data Opt-out operational policy). It applies by legal basis, not by organisation: never to direct care, and
 * not with explicit consent, a legal duty, overriding public interest, COPI regulation 3, anonymised data, or
 * an exemption the agreement records for the purpose.
 */
public final class NationalDataOptOutAppliesToSecondaryUseUnderS251 implements DecisionRule {

    @Override
    public Optional<DenyReason> evaluate(DecisionContext context) {
        if (context.purpose().isDirectCare()) {
            return Optional.empty();
        }
        Optional<PurposeTerms> terms = context.purposeTerms();
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        Optional<Objection> held = context.objection(ObjectionType.NATIONAL_DATA_OPT_OUT);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        Objection optOut = held.get();
        String holds = "The patient's National Data Opt-out (recorded " + Days.of(optOut.recordedAt()) + ", source: "
                + optOut.source() + ")";
        LawfulGateway gateway = terms.get().gateway();
        if (gateway != LawfulGateway.S251) {
            context.note(holds + " does not apply: " + context.clauseReference() + " rests "
                    + context.purpose().code() + " on " + gateway.label() + ", not s251 support.");
            return Optional.empty();
        }
        if (terms.get().optOutExemption().isPresent()) {
            context.note(holds + " does not apply: " + context.clauseReference() + " records the exemption "
                    + terms.get().optOutExemption().get() + " for "
                    + context.purpose().code() + ".");
            return Optional.empty();
        }
        return Optional.of(new DenyReason(
                ReasonCode.NATIONAL_DATA_OPT_OUT,
                name(),
                holds + " applies: "
                        + context.clauseReference() + " rests "
                        + context.purpose().code() + " ("
                        + context.purpose().display() + ") on s251 support, so the patient's data is removed."));
    }
}
