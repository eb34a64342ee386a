package org.vanguard.profiles.redaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Finds sensitive content anywhere in a resource and withholds it at the smallest item that holds it, the same way on
 * every channel. Sensitive means a coding anywhere in the tree (code, reasonCode, category, outcome, a product, an
 * extension's value, a contained resource's elements or security labels) that is one of the shipped sensitive codes or
 * a sensitivity label itself, of a category the plan does not allow; a reference to a contained resource, or to a
 * resource elsewhere in the message, that is sensitive counts too. What goes:
 * <ol>
 *   <li>a contained resource that is sensitive, and every reference to it;</li>
 *   <li>a CarePlan activity that holds sensitive content or refers to it (reasonReference, goal, outcome...);</li>
 *   <li>any other reference to sensitive content (CarePlan.addresses, goal, supportingInfo...);</li>
 *   <li>the whole resource, when sensitive content is still left in its own elements (CarePlan.category, a Patient
 *       extension...).</li>
 * </ol>
 */
final class SensitiveItems {

    private final SensitiveCodes codes;

    SensitiveItems(SensitiveCodes codes) {
        this.codes = codes;
    }

    /**
     * Removes the sensitive items the plan does not allow from {@code resource} (a copy), resolving references with
     * {@code resolve}; false when the resource must be withheld whole.
     */
    boolean withhold(Resource resource, Set<String> allowed, Function<String, Optional<Resource>> resolve) {
        Set<String> removedLocal = new HashSet<>();
        if (resource instanceof DomainResource domain) {
            for (Resource contained : new ArrayList<>(domain.getContained())) {
                if (notAllowedIn(contained, allowed).isPresent()) {
                    domain.getContained().remove(contained);
                    removedLocal.add("#" + contained.getIdElement().getIdPart());
                }
            }
        }
        Function<Reference, Boolean> sensitive = reference -> reference.hasReference()
                && (removedLocal.contains(reference.getReference())
                        || !reference.getReference().startsWith("#")
                                && resolve.apply(reference.getReference())
                                        .filter(target -> target != resource)
                                        .flatMap(target -> notAllowedIn(target, allowed))
                                        .isPresent());
        if (resource instanceof CarePlan carePlan) {
            carePlan.getActivity()
                    .removeIf(activity -> notAllowedIn(activity, allowed).isPresent()
                            || references(activity).stream().anyMatch(sensitive::apply));
        }
        removeReferences(resource, sensitive);
        return notAllowedIn(resource, allowed).isEmpty();
    }

    /** The label of the first sensitive coding in the element's tree that the plan does not allow. */
    Optional<String> notAllowedIn(Base element, Set<String> allowed) {
        for (Property property : element.children()) {
            if (!property.hasValues()) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof Coding coding) {
                    Optional<String> label = labelOf(coding);
                    if (label.isPresent() && !allowed.contains(label.get())) {
                        return label;
                    }
                } else if (value != null && !value.isPrimitive()) {
                    Optional<String> found = notAllowedIn(value, allowed);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> labelOf(Coding coding) {
        String key = coding.getSystem() + "|" + coding.getCode();
        return Redactor.isSensitiveLabel(key) ? Optional.of(key) : codes.labelOf(coding);
    }

    private static List<Reference> references(Base element) {
        List<Reference> found = new ArrayList<>();
        for (Property property : element.children()) {
            for (Base value : property.getValues()) {
                if (value instanceof Reference reference) {
                    found.add(reference);
                }
                if (value != null && !value.isPrimitive() && !(value instanceof Resource)) {
                    found.addAll(references(value));
                }
            }
        }
        return found;
    }

    private static void removeReferences(Base element, Function<Reference, Boolean> sensitive) {
        for (Property property : element.children()) {
            for (Base value : new ArrayList<>(property.getValues())) {
                // The patient a resource is about stays: a sensitive Patient is withheld itself, not cut out of its
                // records.
                if (value instanceof Reference reference
                        && !"subject".equals(property.getName())
                        && !"patient".equals(property.getName())
                        && sensitive.apply(reference)) {
                    element.removeChild(property.getName(), value);
                } else if (value != null && !value.isPrimitive() && !(value instanceof Resource)) {
                    removeReferences(value, sensitive);
                }
            }
        }
    }
}
