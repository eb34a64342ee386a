package org.vanguard.profiles.redaction;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Applies a {@link RedactionPlan} to a copy of a resource; the original is never changed. A resource whose
 * own security labels mark a sensitive category the plan does not allow is withheld whole; then only the agreed
 * elements are kept, sensitive items are withheld wherever they stand ({@link SensitiveItems}: by label and by the
 * shipped clinical codes, in any coded element, contained resource or referenced resource), and the result is
 * de-identified as the plan's identifiability requires ({@link Deidentifier}).
 */
public final class Redactor {

    /** HL7 v3 Confidentiality, the system of N, R and V. */
    public static final String CONFIDENTIALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    /** Elements no data scope removes: identity and metadata, and R4's required elements of the types shared. */
    private static final Set<String> ALWAYS_KEPT =
            Set.of("id", "meta", "implicitRules", "language", "status", "intent", "subject");

    private final SensitiveCodes codes;
    private final Deidentifier deidentifier = new Deidentifier();
    private final SensitiveItems sensitive;

    public Redactor(SensitiveCodes codes) {
        this.codes = codes;
        this.sensitive = new SensitiveItems(codes);
    }

    /** The resource as it may leave, or empty when it must be withheld whole. */
    public Optional<Resource> apply(Resource original, RedactionPlan plan) {
        return apply(original, plan, List.of());
    }

    /**
     * As {@link #apply(Resource, RedactionPlan)}, for a resource that leaves with others (the rest of its message, or
     * the patient's other records): references to them are resolved when looking for sensitive content (a CarePlan
     * addressing a sensitive Condition in the same message), and de-identification scrubs the patient's names as
     * they give them from this one's free text.
     */
    public Optional<Resource> apply(Resource original, RedactionPlan plan, Collection<? extends Resource> together) {
        for (Coding label : original.getMeta().getSecurity()) {
            String key = label.getSystem() + "|" + label.getCode();
            if (isSensitiveLabel(key) && !plan.allowedSensitiveLabels().contains(key)) {
                return Optional.empty();
            }
        }
        Resource resource = original.copy();
        boolean restricted = isRestricted(resource);
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
        if (!sensitive.withhold(resource, plan.allowedSensitiveLabels(), reference -> resolve(reference, together))) {
            return Optional.empty();
        }
        if (plan.deidentification().applies()) {
            Set<String> names = new LinkedHashSet<>(Deidentifier.namesIn(original));
            for (Resource other : together) {
                names.addAll(Deidentifier.namesIn(other));
            }
            deidentifier.apply(resource, plan.deidentification(), names);
        }
        label(resource.getMeta(), restricted ? "R" : plan.confidentiality(), plan.purposeLabel());
        return Optional.of(resource);
    }

    /** The resource among {@code together} a reference points to: by {@code Type/id}, or by its full URL. */
    private static Optional<Resource> resolve(String reference, Collection<? extends Resource> together) {
        for (Resource candidate : together) {
            String id = candidate.getIdElement().getIdPart();
            if (reference.equals(candidate.getIdElement().getValue())
                    || id != null && reference.equals(candidate.fhirType() + "/" + id)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void keepOnly(Resource resource, Set<String> keep) {
        RuntimeResourceDefinition definition = FhirParsing.context().getResourceDefinition(resource);
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            String name = child.getElementName().replace("[x]", "");
            if (!keep.contains(name)
                    && !ALWAYS_KEPT.contains(name)
                    && !child.getAccessor().getValues(resource).isEmpty()) {
                child.getMutator().setValue(resource, null);
            }
        }
    }

    private static void label(Meta meta, String confidentiality, String purposeLabel) {
        meta.getSecurity().removeIf(c -> CONFIDENTIALITY_SYSTEM.equals(c.getSystem()));
        meta.addSecurity(new Coding(CONFIDENTIALITY_SYSTEM, confidentiality, null));
        String[] purpose = purposeLabel.split("\\|", 2);
        if (meta.getSecurity().stream()
                .noneMatch(c -> purpose[0].equals(c.getSystem()) && purpose[1].equals(c.getCode()))) {
            meta.addSecurity(new Coding(purpose[0], purpose[1], null));
        }
    }

    private static boolean isRestricted(Resource resource) {
        return resource.getMeta().getSecurity().stream()
                .anyMatch(c -> CONFIDENTIALITY_SYSTEM.equals(c.getSystem())
                        && ("R".equals(c.getCode()) || "V".equals(c.getCode())));
    }

    static boolean isSensitiveLabel(String key) {
        return key.startsWith("http://terminology.hl7.org/CodeSystem/v3-ActCode|")
                        && Set.of("HIV", "STD", "SEX", "PSY", "ETH", "SDV")
                                .contains(key.substring(key.indexOf('|') + 1))
                || key.startsWith("https://vanguard-hub.org/fhir/CodeSystem/sensitivity|");
    }
}
