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
}
