package org.vanguard.profiles.redaction;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How identifiable a released resource may be, in FHIR terms: the level, the keyed pseudonym that stands for the
 * patient (pseudonymised only), and the form each quasi-identifier takes ({@code Patient.birthDate}: {@code year},
 * {@code five-year-band} or {@code omit}; {@code Patient.address}: {@code postcode-district} or {@code omit}).
 */
public record Deidentification(Level level, Optional<String> pseudonym, Map<String, String> forms) {

    /** The identifiability levels of the ICO anonymisation guidance, as the release applies them. */
    public enum Level {
        IDENTIFIABLE,
        PSEUDONYMISED,
        ANONYMISED
    }

    private static final Set<String> FORMS = Set.of("year", "five-year-band", "postcode-district", "omit");
    private static final Deidentification NONE = new Deidentification(Level.IDENTIFIABLE, Optional.empty(), Map.of());

    public Deidentification {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(pseudonym, "pseudonym");
        forms = Map.copyOf(forms);
        if (level == Level.PSEUDONYMISED && pseudonym.isEmpty()) {
            throw new IllegalArgumentException("pseudonymised data needs the patient's pseudonym");
        }
        if (level != Level.PSEUDONYMISED && pseudonym.isPresent()) {
            throw new IllegalArgumentException(level + " data carries no pseudonym");
        }
        for (String form : forms.values()) {
            if (!FORMS.contains(form)) {
                throw new IllegalArgumentException("unknown generalised form '" + form + "'; expected one of " + FORMS);
            }
        }
    }

    /** Identifiable data: nothing removed for identifiability. */
    public static Deidentification none() {
        return NONE;
    }

    public boolean applies() {
        return level != Level.IDENTIFIABLE;
    }

    /** The form of the element ({@code Patient.birthDate}), or {@code omit} when the plan names none. */
    public String formOf(String element) {
        return forms.getOrDefault(element, "omit");
    }
}
