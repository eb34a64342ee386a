package org.vanguard.governance.agreement;

import java.util.Map;
import java.util.Set;
import org.vanguard.governance.Labels;

/**
 * The form a quasi-identifier takes in de-identified data (ICO anonymisation guidance: generalise what could single
 * a person out, rather than drop what the recipient needs): a birth date as its year or a five-year band of years, an
 * address as its postcode district (the outward code, e.g. {@code LS1}), or the element left out.
 */
public enum GeneralisedForm {
    YEAR,
    FIVE_YEAR_BAND,
    POSTCODE_DISTRICT,
    OMIT;

    /** The quasi-identifiers a data scope may generalise, and the forms each may take. */
    public static final Map<String, Set<GeneralisedForm>> ALLOWED = Map.of(
            "Patient.birthDate", Set.of(YEAR, FIVE_YEAR_BAND, OMIT),
            "Patient.address", Set.of(POSTCODE_DISTRICT, OMIT));

    public String label() {
        return Labels.of(this);
    }

    public static GeneralisedForm fromLabel(String label) {
        return Labels.parse(GeneralisedForm.class, label, "generalised form");
    }

    /** The form an element takes when the agreement names none: year and district pseudonymised, a band anonymised. */
    public static GeneralisedForm byDefault(String element, Identifiability level) {
        if (element.equals("Patient.birthDate")) {
            return level == Identifiability.ANONYMISED ? FIVE_YEAR_BAND : YEAR;
        }
        return POSTCODE_DISTRICT;
    }
}
