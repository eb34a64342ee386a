package org.vanguard.profiles.validation;

import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.vanguard.profiles.fhir.InputIssue;

/**
 * One finding of a validator, with the severity FHIR's OperationOutcome gives it: only errors (and fatal
 * findings) refuse a resource; warnings and information help the sender but do not stop a message.
 */
public record ValidationIssue(IssueSeverity severity, IssueType code, String location, String text) {

    public ValidationIssue {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(text, "text");
    }

    public static ValidationIssue error(InputIssue issue) {
        return new ValidationIssue(IssueSeverity.ERROR, issue.code(), issue.location(), issue.text());
    }

    public boolean isError() {
        return severity == IssueSeverity.ERROR || severity == IssueSeverity.FATAL;
    }

    public InputIssue toInputIssue() {
        return new InputIssue(code, location, text);
    }
}
