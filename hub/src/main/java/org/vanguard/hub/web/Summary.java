package org.vanguard.hub.web;

import java.util.Locale;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/** FHIR R4's {@code _summary} values the hub serves (search 3.1.1.5.8); {@code text} is refused, since it is not served. */
public enum Summary {
    FALSE,
    TRUE,
    DATA,
    COUNT;

    /** The parameter's value; absent means the whole resource. */
    public static Summary of(String value) {
        if (value == null || value.isBlank()) {
            return FALSE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String text = "_summary '" + value + "' is not served: use true, data, count or false";
            if (value.trim().equalsIgnoreCase("text")) {
                throw new FhirInputException(
                        Rejection.NOT_SUPPORTED, new InputIssue(IssueType.NOTSUPPORTED, "_summary", text));
            }
            throw new FhirInputException(Rejection.INVALID, InputIssue.value("_summary", text));
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
