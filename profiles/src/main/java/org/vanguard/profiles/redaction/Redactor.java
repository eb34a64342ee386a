package org.vanguard.profiles.redaction;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Applies a {@link RedactionPlan} to a copy of a resource; the original is never changed. A resource whose
 * own security labels mark a sensitive category the plan does not allow is withheld whole; sensitive CarePlan
 * activities (by label-less clinical code) are removed one by one; then only the agreed elements are kept, and the
 * result is de-identified as the plan's identifiability requires ({@link Deidentifier}).
 */
public final class Redactor {

    /** HL7 v3 Confidentiality, the system of N, R and V. */
    public static final String CONFIDENTIALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    /** Elements no data scope removes: identity and metadata, and R4's required elements of the types shared. */
    private static final Set<String> ALWAYS_KEPT = Set.of("id", "meta", "implicitRules", "language",
            "status", "intent", "subject");

    private final SensitiveCodes codes;
    private final Deidentifier deidentifier = new Deidentifier();

    public Redactor(SensitiveCodes codes) {
        this.codes = codes;
    }

    /** The resource as it may leave, or empty when it must be withheld whole. */
    public Optional<Resource> apply(Resource original, RedactionPlan plan) {
        return apply(original, plan, Set.of());
    }

    /**
     * As {@link #apply(Resource, RedactionPlan)}, where de-identification also scrubs from free text the name parts
     * given (the patient's names as the other resources of the same message or record give them).
     */
    public Optional<Resource> apply(Resource original, RedactionPlan plan, Collection<String> knownNames) {
        for (Coding label : original.getMeta().getSecurity()) {
            String key = label.getSystem() + "|" + label.getCode();
            if (isSensitiveLabel(key) && !plan.allowedSensitiveLabels().contains(key)) {
                return Optional.empty();
            }
        }
        Resource resource = original.copy();
        boolean restricted = isRestricted(resource);
        if (resource instanceof CarePlan carePlan) {
            carePlan.getActivity().removeIf(activity -> activity.hasDetail() && activity.getDetail().hasCode()
                    && codes.labelOf(activity.getDetail().getCode())
                            .filter(label -> !plan.allowedSensitiveLabels().contains(label)).isPresent());
        }
        if (resource instanceof Patient patient) {
            if (restricted && plan.redactRestrictedPatient()) {
                patient.getAddress().clear();
                patient.getTelecom().clear();
                patient.getContact().clear();
            }
        }
        Set<String> keep = plan.keepElements().get(resource.fhirType());
        if (keep != null && !keep.isEmpty()) {
            keepOnly(resource, keep);
        }
        if (plan.deidentification().applies()) {
            Set<String> names = new LinkedHashSet<>(knownNames);
            names.addAll(Deidentifier.namesIn(original));
            deidentifier.apply(resource, plan.deidentification(), names);
        }
        label(resource.getMeta(), restricted ? "R" : plan.confidentiality(), plan.purposeLabel());
        return Optional.of(resource);
    }

    private static void keepOnly(Resource resource, Set<String> keep) {
        RuntimeResourceDefinition definition = FhirParsing.context().getResourceDefinition(resource);
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            String name = child.getElementName().replace("[x]", "");
            if (!keep.contains(name) && !ALWAYS_KEPT.contains(name) && !child.getAccessor().getValues(resource).isEmpty()) {
                child.getMutator().setValue(resource, null);
            }
        }
    }

    private static void label(Meta meta, String confidentiality, String purposeLabel) {
        meta.getSecurity().removeIf(c -> CONFIDENTIALITY_SYSTEM.equals(c.getSystem()));
        meta.addSecurity(new Coding(CONFIDENTIALITY_SYSTEM, confidentiality, null));
        String[] purpose = purposeLabel.split("\\|", 2);
        if (meta.getSecurity().stream().noneMatch(c -> purpose[0].equals(c.getSystem()) && purpose[1].equals(c.getCode()))) {
            meta.addSecurity(new Coding(purpose[0], purpose[1], null));
        }
    }

    private static boolean isRestricted(Resource resource) {
        return resource.getMeta().getSecurity().stream()
                .anyMatch(c -> CONFIDENTIALITY_SYSTEM.equals(c.getSystem()) && ("R".equals(c.getCode()) || "V".equals(c.getCode())));
    }

    private static boolean isSensitiveLabel(String key) {
        return key.startsWith("http://terminology.hl7.org/CodeSystem/v3-ActCode|")
                && Set.of("HIV", "STD", "SEX", "PSY", "ETH", "SDV").contains(key.substring(key.indexOf('|') + 1))
                || key.startsWith("https://vanguard-hub.org/fhir/CodeSystem/sensitivity|");
    }
}
