package org.vanguard.hub.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.validation.FastProfileValidator;
import org.vanguard.profiles.validation.HubProfiles;
import org.vanguard.profiles.validation.ValidationIssue;
import org.vanguard.routes.intake.MessageFactsReader;

/**
 * FHIR's {@code $validate} (R4 Resource-validate), so a sender can check a resource before it sends it:
 * the resource itself or a Parameters with a {@code resource} parameter, JSON or XML. The answer is 200
 * with an OperationOutcome whatever the verdict (as FHIR specifies); 4xx only when there is nothing that
 * can be validated. Errors are what intake would refuse (the fast path, plus the message rules for a
 * message); HAPI's full validator adds its warnings and anything else it finds.
 */
@RestController
@RequestMapping("/fhir")
public class ValidateController {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType(FhirFormat.JSON.mediaType());

    private final FullValidation full;
    private final MessageFactsReader messages = new MessageFactsReader();
    private final FhirParsing parsing;

    public ValidateController(FullValidation full, FhirParsing parsing) {
        this.full = full;
        this.parsing = parsing;
    }

    @PostMapping("/$validate")
    public ResponseEntity<String> validate(
            AuthenticatedParticipant caller,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        return ResponseEntity.ok()
                .contentType(FHIR_JSON)
                .body(FhirParsing.toJson(outcome(resourceOf(body, contentType))));
    }

    @PostMapping("/{type}/$validate")
    public ResponseEntity<String> validateType(
            AuthenticatedParticipant caller,
            @PathVariable("type") String type,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        if (!FhirParsing.context().getResourceTypes().contains(type)) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid("(path) type", "'" + type + "' is not a FHIR R4 resource type"));
        }
        Resource resource = resourceOf(body, contentType);
        if (!resource.fhirType().equals(type)) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid(
                            resource.fhirType(),
                            "this is " + type + "/$validate but the body is a " + resource.fhirType()));
        }
        return ResponseEntity.ok().contentType(FHIR_JSON).body(FhirParsing.toJson(outcome(resource)));
    }

    /**
     * Instance-level {@code $validate}: the resource in the body checked as what would be sent as {@code [type]/[id]}
     * (mode update): as at type level, plus an error when its id is another one.
     */
    @PostMapping("/{type}/{id}/$validate")
    public ResponseEntity<String> validateInstance(
            AuthenticatedParticipant caller,
            @PathVariable("type") String type,
            @PathVariable("id") String id,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new FhirInputException(
                    Rejection.INVALID, InputIssue.value("(path) id", "'" + id + "' is not a FHIR id"));
        }
        ResponseEntity<String> typeLevel = validateType(caller, type, contentType, body);
        Resource resource = resourceOf(body, contentType);
        String given = resource.getIdElement().getIdPart();
        if (given == null || given.equals(id)) {
            return typeLevel;
        }
        OperationOutcome outcome = FhirParsing.fromTrustedJson(
                OperationOutcome.class, Objects.requireNonNull(typeLevel.getBody(), "validation outcome"));
        outcome.getIssue().removeIf(issue -> issue.getSeverity() == IssueSeverity.INFORMATION);
        String text = "this is " + type + "/" + id + "/$validate but the resource's id is " + given;
        outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.VALUE)
                .setDiagnostics(text)
                .addExpression(type + ".id")
                .getDetails()
                .setText(text);
        return ResponseEntity.ok().contentType(FHIR_JSON).body(FhirParsing.toJson(outcome));
    }

    private Resource resourceOf(byte[] body, String contentType) {
        Resource parsed = parsing.parse(body, contentType);
        if (parsed instanceof Parameters parameters) {
            Parameters.ParametersParameterComponent parameter = parameters.getParameter("resource");
            if (parameter == null || parameter.getResource() == null) {
                throw new FhirInputException(
                        Rejection.INVALID,
                        InputIssue.required(
                                "Parameters.parameter",
                                "$validate takes the resource itself or a Parameters with a 'resource' parameter"));
            }
            return parameter.getResource();
        }
        return parsed;
    }

    private OperationOutcome outcome(Resource resource) {
        List<ValidationIssue> issues = new ArrayList<>();
        FastProfileValidator.standard().validate(resource).forEach(issue -> issues.add(ValidationIssue.error(issue)));
        if (resource instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.MESSAGE && issues.isEmpty()) {
            try {
                messages.read(bundle);
            } catch (FhirInputException e) {
                e.issues().forEach(issue -> issues.add(ValidationIssue.error(issue)));
            }
        }
        List<String> located = issues.stream().map(ValidationIssue::location).toList();
        for (ValidationIssue issue : full.validate(resource)) {
            boolean sameError = issue.isError()
                    && located.stream()
                            .anyMatch(l -> l.startsWith(issue.location())
                                    || issue.location().startsWith(l));
            if (!sameError) {
                issues.add(issue);
            }
        }
        OperationOutcome outcome = new OperationOutcome();
        for (ValidationIssue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
                    .setSeverity(issue.severity())
                    .setCode(issue.code())
                    .setDiagnostics(issue.text());
            component.getDetails().setText(issue.text());
            component.addExpression(issue.location());
        }
        if (issues.stream().noneMatch(ValidationIssue::isError)) {
            outcome.addIssue()
                    .setSeverity(IssueSeverity.INFORMATION)
                    .setCode(IssueType.INFORMATIONAL)
                    .setDiagnostics(resource.fhirType() + " conforms to "
                            + HubProfiles.forResource(resource).orElse("base FHIR R4")
                            + "; the hub would accept it");
        }
        return outcome;
    }
}
