package org.vanguard.governance.decision;

import java.util.Optional;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionType;

/**
 * A patient who objects to the shared care record (UK GDPR Art 21, right to object) is not shared across
 * organisations for direct care, unless an emergency override with a coded reason is used for emergency care
 * or break-glass; then the objection is set aside, the access alerted and queued for review (DOMAIN.md step 4).
 */
public final class PatientObjectionDeniesDirectCare implements DecisionRule {

    @Override
    public Optional<DenyReason> evaluate(DecisionContext context) {
        if (!context.purpose().isDirectCare()) {
            return Optional.empty();
        }
        Optional<Objection> held = context.objection(ObjectionType.SHARED_CARE_RECORD);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        Objection objection = held.get();
        String what = "the patient's objection to the shared care record (recorded " + Days.of(objection.recordedAt())
                + ", source: " + objection.source() + ")";
        Optional<EmergencyOverride> override = context.emergencyOverride();
        if (override.isPresent()) {
            context.overrideUsed("Emergency override: " + what + " was set aside for "
                    + context.purpose().code()
                    + " by " + Overrides.describe(override.get())
                    + "; the access is alerted and queued for IG officers' review.");
            return Optional.empty();
        }
        return Optional.of(new DenyReason(
                ReasonCode.NO_PATIENT_CONSENT,
                name(),
                "The patient objects to the shared care"
                        + " record (UK GDPR Art 21; recorded " + Days.of(objection.recordedAt()) + ", source: "
                        + objection.source()
                        + "), so " + context.request().recipient() + " does not receive it for direct care"
                        + Overrides.missing(context) + "."));
    }
}
