package org.vanguard.hub.conformance;

import java.util.Locale;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/** FHIR R4's {@code _summary} values the hub serves (search 3.1.1.5.8); {@code text} is refused, since it is not served. */
public enum Summary {
    FALSE, TRUE, DATA, COUNT;

    /** The parameter's value; absent means the whole resource. */
    public static Summary of(String value) {
        if (value == null || value.isBlank()) {
            return FALSE;
        }
        try {
            Summary summary = valueOf(value.trim().toUpperCase(Locale.ROOT));
            return summary;
        } catch (IllegalArgumentException e) {
            throw new FhirInputException(value.trim().equalsIgnoreCase("text") ? Rejection.NOT_SUPPORTED : Rejection.INVALID,
                    InputIssue.value("_summary", "_summary '" + value + "' is not served: use true, data, count or false"));
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
