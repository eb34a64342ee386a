package org.vanguard.governance.participant;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An Organisation Data Service code, the identifier NHS England gives every health and care organisation
 * ({@code https://fhir.nhs.uk/Id/ods-organization-code}). Codes are upper case alphanumerics; senders
 * that lower-case them are accepted, because the code is the same organisation either way.
 */
public record OdsCode(String value) implements Comparable<OdsCode> {

    /** The FHIR identifier system of ODS organisation codes. */
    public static final String SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9]{3,12}");

    public OdsCode {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an ODS code is required");
        }
        value = value.trim().toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an ODS code (3 to 12 letters and digits)");
        }
    }

    public static OdsCode of(String value) {
        return new OdsCode(value);
    }

    /** Whether a FHIR identifier system names ODS codes; the case of the URL is not significant to senders. */
    public static boolean isOdsSystem(@Nullable String system) {
        return system != null && SYSTEM.equalsIgnoreCase(system.trim());
    }

    @Override
    public int compareTo(OdsCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
