package org.vanguard.profiles.fhir;

import java.util.List;
import java.util.stream.Collectors;

/** A sender's input refused, with every issue found; it is the client's mistake, never the hub's. */
public final class FhirInputException extends RuntimeException {

    private final Rejection rejection;
    private final List<InputIssue> issues;

    public FhirInputException(Rejection rejection, List<InputIssue> issues) {
        super(
                issues.stream().map(i -> i.location() + ": " + i.text()).collect(Collectors.joining("; ")),
                null,
                false,
                false);
        if (issues.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one issue");
        }
        this.rejection = rejection;
        this.issues = List.copyOf(issues);
    }

    public FhirInputException(Rejection rejection, InputIssue issue) {
        this(rejection, List.of(issue));
    }

    public Rejection rejection() {
        return rejection;
    }

    public List<InputIssue> issues() {
        return issues;
    }
}
