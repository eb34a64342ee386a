package org.vanguard.profiles.fhir;

import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** One problem with a sender's input: its FHIR issue type, where it is (FHIRPath) and what is wrong, in words. */
public record InputIssue(IssueType code, String location, String text) {

    public InputIssue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(text, "text");
    }

    public static InputIssue invalid(String location, String text) {
        return new InputIssue(IssueType.INVALID, location, text);
    }

    public static InputIssue required(String location, String text) {
        return new InputIssue(IssueType.REQUIRED, location, text);
    }

    public static InputIssue value(String location, String text) {
        return new InputIssue(IssueType.VALUE, location, text);
    }

    /**
     * A value that one of the hub's value types refused: their refusal names what is wrong, and becomes the text.
     * A refusal that says nothing (the JDK's parsers may throw one) still answers 400 with the location.
     */
    public static InputIssue value(String location, IllegalArgumentException refusal) {
        return value(location, Objects.requireNonNullElse(refusal.getMessage(), "is not a valid value"));
    }
}
