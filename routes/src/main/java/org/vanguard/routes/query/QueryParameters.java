package org.vanguard.routes.query;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.message.MessageReader;

/**
 * Reads a query's parameters with the governance value objects, refusing each mistake by the parameter's
 * name: a FHIR token search on the NHS number ({@code system|value}, UK Core's NHS number system and a
 * number with a valid Modulus 11 check digit) and a purpose of use, which a query must state since the
 * same record may be shared for one purpose and not another.
 */
public final class QueryParameters {

    /** The header in which the caller states its purpose of use. */
    public static final String PURPOSE_HEADER = "X-Purpose-Of-Use";

    private QueryParameters() {}

    public static NhsNumber nhsNumber(String parameter, @Nullable String token) {
        if (token == null || token.isBlank()) {
            throw refused(InputIssue.required(
                    parameter,
                    "the search needs '" + parameter + "=" + MessageReader.NHS_NUMBER_SYSTEM + "|<NHS number>'"));
        }
        int bar = token.indexOf('|');
        if (bar < 0 || !MessageReader.NHS_NUMBER_SYSTEM.equals(token.substring(0, bar))) {
            throw refused(InputIssue.value(
                    parameter,
                    "'" + parameter + "' must be a token of the NHS number system, " + MessageReader.NHS_NUMBER_SYSTEM
                            + "|<NHS number>; got '" + token + "'"));
        }
        try {
            return NhsNumber.of(token.substring(bar + 1));
        } catch (IllegalArgumentException e) {
            throw refused(InputIssue.value(parameter, e));
        }
    }

    /** The purpose as a code ({@code TREAT}) or as {@code system|code} in the purpose's own code system. */
    public static Purpose purpose(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw refused(InputIssue.required(
                    PURPOSE_HEADER,
                    "a query must state its purpose of use in the " + PURPOSE_HEADER + " header (e.g. TREAT)"));
        }
        String code = header.trim();
        int bar = code.indexOf('|');
        String system = bar < 0 ? null : code.substring(0, bar);
        code = bar < 0 ? code : code.substring(bar + 1);
        try {
            Purpose purpose = Purpose.fromCode(code);
            if (system != null && !system.equals(purpose.system())) {
                throw refused(InputIssue.value(
                        PURPOSE_HEADER,
                        "purpose " + purpose.code() + " is coded in " + purpose.system() + ", not " + system));
            }
            if (!code.equals(code.toUpperCase(Locale.ROOT))) {
                throw refused(InputIssue.value(PURPOSE_HEADER, "purpose codes are upper case: " + purpose.code()));
            }
            return purpose;
        } catch (IllegalArgumentException e) {
            throw refused(InputIssue.value(PURPOSE_HEADER, e));
        }
    }

    private static FhirInputException refused(InputIssue issue) {
        return new FhirInputException(Rejection.INVALID, issue);
    }
}
