package org.vanguard.hub.web;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/** Reads admin API request fields with the governance value objects, refusing a bad field by its name. */
public final class AdminRequests {

    private AdminRequests() {}

    public static <T> T field(String name, @Nullable String value, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            throw new FhirInputException(Rejection.INVALID, InputIssue.required(name, "'" + name + "' is required"));
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new FhirInputException(Rejection.INVALID, InputIssue.value(name, ExceptionText.of(e)));
        }
    }
}
