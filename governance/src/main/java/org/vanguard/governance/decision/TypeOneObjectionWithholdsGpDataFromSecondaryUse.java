package org.vanguard.governance.decision;

import java.util.Optional;
import org.vanguard.governance.agreement.LawfulGateway;
import org.vanguard.governance.agreement.PurposeTerms;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionType;
import org.vanguard.governance.participant.ParticipantKind;

/**
 * A GP Type 1 objection (SNOMED CT 827241000000103) stops data from the patient's GP practice leaving it for
 * secondary use under s251 support; it does not touch data from other organisations, nor direct care, nor
 * purposes resting on another gateway (DOMAIN.md step 5: "for GP-sourced data, Type 1 objectors").
 */
public final class TypeOneObjectionWithholdsGpDataFromSecondaryUse implements DecisionRule {

    @Override
    public Optional<DenyReason> evaluate(DecisionContext context) {
        if (context.purpose().isDirectCare()) {
            return Optional.empty();
        }
        Optional<PurposeTerms> terms = context.purposeTerms();
        if (terms.isEmpty() || terms.get().gateway() != LawfulGateway.S251) {
            return Optional.empty();
        }
        Optional<Objection> held = context.objection(ObjectionType.TYPE_1);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        Objection objection = held.get();
        String holds = "The patient's GP Type 1 objection (SNOMED CT " + ObjectionType.TYPE_1.snomedCode()
                + ", recorded " + Days.of(objection.recordedAt()) + ", source: " + objection.source() + ")";
        if (context.sender().kind() != ParticipantKind.GP_PRACTICE) {
            context.note(holds + " does not apply: the data comes from "
                    + context.request().sender() + ", a "
                    + context.sender().kind().label() + ", not from a GP practice.");
            return Optional.empty();
        }
        return Optional.of(new DenyReason(
                ReasonCode.TYPE_1_OBJECTION,
                name(),
                holds + " applies: "
                        + context.request().sender() + " is a GP practice and " + context.clauseReference() + " rests "
                        + context.purpose().code() + " on s251 support, so GP-sourced data does not leave for it."));
    }
}
