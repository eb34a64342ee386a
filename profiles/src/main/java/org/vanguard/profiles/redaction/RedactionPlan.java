package org.vanguard.profiles.redaction;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to do to each resource of one delivery, in FHIR terms only (the decision that produced it lives
 * elsewhere).
 *
 * @param keepElements per resource type, the top-level elements to keep; a type absent from the map keeps all
 * @param allowedSensitiveLabels security labels ({@code system|code}) of sensitive categories that may be shared
 * @param redactRestrictedPatient strip address, telecom and contacts of a patient labelled restricted (R)
 * @param deidentification how identifiable what leaves may be: direct identifiers removed or replaced by the keyed
 *     pseudonym, quasi-identifiers generalised ({@link Deidentifier})
 * @param confidentiality the confidentiality label (v3 Confidentiality) put on what leaves, e.g. N
 * @param purposeLabel {@code system|code} of the purpose of use the data is shared for, labelled on what leaves
 */
public record RedactionPlan(
        Map<String, Set<String>> keepElements,
        Set<String> allowedSensitiveLabels,
        boolean redactRestrictedPatient,
        Deidentification deidentification,
        String confidentiality,
        String purposeLabel) {

    public RedactionPlan {
        keepElements = Map.copyOf(keepElements);
        allowedSensitiveLabels = Set.copyOf(allowedSensitiveLabels);
        Objects.requireNonNull(deidentification, "deidentification");
        Objects.requireNonNull(confidentiality, "confidentiality");
        Objects.requireNonNull(purposeLabel, "purposeLabel");
    }
}
