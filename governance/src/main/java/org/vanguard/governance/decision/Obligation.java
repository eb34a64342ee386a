package org.vanguard.governance.decision;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vanguard.governance.agreement.GeneralisedForm;
import org.vanguard.governance.agreement.Identifiability;
import org.vanguard.governance.sensitivity.SensitiveCategory;

/**
 * What must be done to the data before a permitted flow leaves the hub (DOMAIN.md steps 6 and 7). Sealed:
 * the code that applies obligations must handle every kind, so none is silently skipped.
 */
public sealed interface Obligation {

    /** Keep only these top-level elements of the resource type (the agreement's data scope); empty keeps all. */
    record KeepOnlyElements(String resourceType, Set<String> elements) implements Obligation {
        public KeepOnlyElements {
            Objects.requireNonNull(resourceType, "resourceType");
            elements = Set.copyOf(elements);
        }
    }

    /** Remove every item marked with a sensitive category not in {@code allowed} (agreement and consent both allow). */
    record WithholdSensitive(Set<SensitiveCategory> allowed) implements Obligation {
        public WithholdSensitive {
            allowed = Set.copyOf(allowed);
        }
    }

    /** A restricted (R-labelled) patient loses address, telecom and contacts before anything leaves. */
    record RedactRestrictedPatient() implements Obligation {}

    /**
     * Strip or replace identifiers as the agreement's identifiability requires, and give each quasi-identifier the
     * form the agreement says ({@code Patient.birthDate} -> year, ...). Pseudonymised data carries the agreement's
     * keyed pseudonym in place of the NHS number; anonymised data carries none.
     */
    record Deidentify(Identifiability level, Map<String, GeneralisedForm> forms) implements Obligation {
        public Deidentify {
            Objects.requireNonNull(level, "level");
            forms = Map.copyOf(forms);
        }

        /** De-identification with every quasi-identifier in its default form for the level. */
        public Deidentify(Identifiability level) {
            this(level, defaults(level));
        }

        private static Map<String, GeneralisedForm> defaults(Identifiability level) {
            Map<String, GeneralisedForm> forms = new java.util.TreeMap<>();
            GeneralisedForm.ALLOWED
                    .keySet()
                    .forEach(element -> forms.put(element, GeneralisedForm.byDefault(element, level)));
            return forms;
        }
    }

    /** Label what leaves: confidentiality (v3 Confidentiality N, R, V) and the purpose it was shared for. */
    record LabelOutbound(String confidentiality) implements Obligation {
        public LabelOutbound {
            Objects.requireNonNull(confidentiality, "confidentiality");
        }
    }

    /** An emergency override was used: raise an alert and put the access in the IG officers' review queue. */
    record ReviewOverride(EmergencyOverride override) implements Obligation {
        public ReviewOverride {
            Objects.requireNonNull(override, "override");
        }
    }
}
