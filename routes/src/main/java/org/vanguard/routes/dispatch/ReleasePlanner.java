package org.vanguard.routes.dispatch;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.decision.Obligation;
import org.vanguard.governance.pseudonym.Pseudonyms;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.sensitivity.SensitiveCategory;
import org.vanguard.profiles.redaction.Deidentification;
import org.vanguard.profiles.redaction.RedactionPlan;

/**
 * Translates a permit's obligations into the FHIR redaction the profiles module performs. Without an
 * obligation saying otherwise the safe choice holds: nothing sensitive leaves, a restricted patient's
 * contact details are stripped, and what leaves is labelled.
 */
public final class ReleasePlanner {

    private final Pseudonyms pseudonyms;

    /** @param pseudonyms the agreements' keyed pseudonyms, for pseudonymised releases */
    public ReleasePlanner(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** A release plan and, when the permit rested on an emergency override, that override for review. */
    public record Release(RedactionPlan plan, Optional<EmergencyOverride> override) {}

    public Release planFor(Decision.Permit permit) {
        Map<String, Set<String>> keep = new HashMap<>();
        Set<String> allowedSensitive = new LinkedHashSet<>();
        Deidentification deidentification = Deidentification.none();
        String confidentiality = "N";
        Optional<EmergencyOverride> override = Optional.empty();
        for (Obligation obligation : permit.obligations()) {
            if (obligation instanceof Obligation.KeepOnlyElements elements) {
                keep.put(elements.resourceType(), elements.elements());
            } else if (obligation instanceof Obligation.WithholdSensitive sensitive) {
                for (SensitiveCategory category : sensitive.allowed()) {
                    allowedSensitive.add(category.system() + "|" + category.code());
                }
            } else if (obligation instanceof Obligation.RedactRestrictedPatient) {
                // Always applied below: a restricted patient's contact details never leave.
            } else if (obligation instanceof Obligation.Deidentify deidentify) {
                deidentification = deidentification(permit, deidentify);
            } else if (obligation instanceof Obligation.LabelOutbound label) {
                confidentiality = label.confidentiality();
            } else if (obligation instanceof Obligation.ReviewOverride review) {
                override = Optional.of(review.override());
            } else {
                throw new IllegalStateException("no release step for obligation " + obligation);
            }
        }
        Purpose purpose = permit.request().purpose();
        RedactionPlan plan = new RedactionPlan(
                keep,
                allowedSensitive,
                true,
                deidentification,
                confidentiality,
                purpose.system() + "|" + purpose.code());
        return new Release(plan, override);
    }

    /** The de-identification an obligation asks for; a pseudonymised release carries the patient's pseudonym. */
    private Deidentification deidentification(Decision.Permit permit, Obligation.Deidentify deidentify) {
        Map<String, String> forms = new HashMap<>();
        deidentify.forms().forEach((element, form) -> forms.put(element, form.label()));
        return switch (deidentify.level()) {
            case IDENTIFIABLE -> Deidentification.none();
            case PSEUDONYMISED ->
                new Deidentification(
                        Deidentification.Level.PSEUDONYMISED,
                        Optional.of(pseudonyms.of(
                                permit.basis().agreementId(), permit.request().patient())),
                        forms);
            case ANONYMISED -> new Deidentification(Deidentification.Level.ANONYMISED, Optional.empty(), forms);
        };
    }
}
