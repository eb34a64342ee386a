package org.vanguard.profiles.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.jspecify.annotations.Nullable;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * HAPI FHIR's full instance validator (the HL7 validator core) over a validation-support chain that holds
 * base R4, the hub's own definitions with snapshots generated at construction, and any FHIR packages
 * (.tgz, e.g. UK Core) found in a configured directory. Nothing is fetched from the network: unknown code
 * systems (SNOMED CT, LOINC) are warnings, and profiles the chain does not hold are warnings too, so a
 * UK Core resource is checked against what is loaded rather than refused for naming a profile.
 * <p>
 * Its first validation takes seconds; {@link #warmUp()} pays that at start. It is the reference the fast
 * path is measured against, not part of the intake hot path.
 */
public final class FullProfileValidator {

    private static final Pattern HAPI_PATH_COMMENT = Pattern.compile("/\\*.*?\\*/");
    private static final Pattern BUNDLE_ENTRY = Pattern.compile("Bundle\\.entry\\[([0-9]+)\\]\\.resource\\.(.+)");

    private final FhirContext context;
    private final FhirValidator validator;
    private final List<StructureDefinition> profiles;
    private final ValidationSupportChain support;

    /** A validator with the hub's definitions only. */
    public FullProfileValidator() {
        this(Optional.empty());
    }

    /** @param packageDirectory a directory whose *.tgz FHIR packages are loaded as well, e.g. UK Core */
    public FullProfileValidator(Optional<Path> packageDirectory) {
        this.context = FhirParsing.context();
        PrePopulatedValidationSupport hub = new PrePopulatedValidationSupport(context);
        PrePopulatedValidationSupport packages = new PrePopulatedValidationSupport(context);
        packageDirectory.ifPresent(directory -> loadPackages(directory, packages));
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
                new UnknownCodeSystemWarningValidationSupport(context);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                hub,
                packages,
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context),
                unknownCodeSystems);
        List<StructureDefinition> withSnapshots = new ArrayList<>();
        ValidationSupportContext supportContext = new ValidationSupportContext(chain);
        for (IBaseResource definition : HubProfiles.definitions()) {
            if (definition instanceof StructureDefinition sd) {
                StructureDefinition generated = (StructureDefinition)
                        chain.generateSnapshot(supportContext, sd, sd.getUrl(), HubProfiles.BASE, sd.getName());
                withSnapshots.add(generated == null ? sd : generated);
                hub.addResource(generated == null ? sd : generated);
            } else {
                hub.addResource(definition);
            }
        }
        chain.invalidateCaches();
        this.support = chain;
        this.profiles = List.copyOf(withSnapshots);
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setAnyExtensionsAllowed(true);
        instanceValidator.setErrorForUnknownProfiles(false);
        // dom-6 (narrative) and the like are advice, not conformance; they would drown the sender's real issues.
        instanceValidator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
        this.validator = context.newValidator()
                .setValidateAgainstStandardSchema(false)
                .setValidateAgainstStandardSchematron(false);
        this.validator.registerValidatorModule(instanceValidator);
    }

    /** The hub's StructureDefinitions, each with its generated snapshot. */
    public List<StructureDefinition> profiles() {
        return profiles;
    }

    /** Validates once per profiled type, so the seconds of the first run are spent now, not on a request. */
    public void warmUp() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE);
        validate(bundle);
        for (String type : HubProfiles.byType().keySet()) {
            validate((Resource) context.getResourceDefinition(type).newInstance());
        }
    }

    /**
     * Validates a sender's body (JSON or XML, as FHIR's own serialisation rules read it) against the hub
     * profile of its type, and each entry of a message against the hub profile of the entry's type.
     */
    public List<ValidationIssue> validate(String body) {
        Optional<IBaseResource> parsed = lenientParse(body);
        List<ValidationIssue> issues = new ArrayList<>();
        collect(
                validator.validateWithResult(
                        body,
                        parsed.filter(Resource.class::isInstance)
                                .map(Resource.class::cast)
                                .map(FullProfileValidator::optionsFor)
                                .orElseGet(() -> optionsFor(
                                        parsed.map(IBaseResource::fhirType).orElse("")))),
                "",
                parsed.orElse(null),
                issues);
        if (issues.stream().noneMatch(ValidationIssue::isError) && parsed.orElse(null) instanceof Bundle bundle) {
            validateEntries(bundle, issues);
        }
        return issues;
    }

    /** Validates a parsed resource as {@link #validate(String)} does. */
    public List<ValidationIssue> validate(Resource resource) {
        List<ValidationIssue> issues = new ArrayList<>();
        collect(validator.validateWithResult(resource, optionsFor(resource)), "", resource, issues);
        if (resource instanceof Bundle bundle) {
            validateEntries(bundle, issues);
        }
        return issues;
    }

    private void validateEntries(Bundle bundle, List<ValidationIssue> issues) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource entry = bundle.getEntry().get(i).getResource();
            if (entry == null || HubProfiles.forType(entry.fhirType()).isEmpty()) {
                continue;
            }
            ValidationResult result = validator.validateWithResult(entry, optionsFor(entry.fhirType()));
            collect(result, "Bundle.entry[" + i + "].resource", entry, issues);
        }
    }

    private static ValidationOptions optionsFor(Resource resource) {
        if (HubProfiles.forResource(resource).isEmpty()) {
            return new ValidationOptions();
        }
        return optionsFor(resource.fhirType());
    }

    private static ValidationOptions optionsFor(String resourceType) {
        ValidationOptions options = new ValidationOptions();
        HubProfiles.forType(resourceType).ifPresent(options::addProfile);
        if (resourceType.equals("Consent")) {
            // Against hub-consent alone, HAPI 8.8 does not check the cardinalities inside nested provisions
            // (Consent.provision.provision is a contentReference); base R4 Consent does.
            options.addProfile("http://hl7.org/fhir/StructureDefinition/Consent");
        }
        return options;
    }

    /**
     * HAPI names locations in FHIRPath, with comments naming entry resources; those are dropped, and an
     * entry validated on its own gets the path of its place in the message.
     */
    private void collect(
            ValidationResult result,
            String entryPath,
            @Nullable IBaseResource validated,
            List<ValidationIssue> issues) {
        for (SingleValidationMessage message : result.getMessages()) {
            String location = message.getLocationString() == null
                    ? ""
                    : HAPI_PATH_COMMENT.matcher(message.getLocationString()).replaceAll("");
            IssueSeverity severity = severity(message.getSeverity());
            if (severity == IssueSeverity.ERROR && isTerminology(message) && !requiredBinding(validated, location)) {
                // FHIR R4 terminology 4.1.5: only a required binding makes a code from elsewhere an error; a preferred
                // or extensible one (Patient.communication.language in base R4 and UK Core) is advice.
                severity = IssueSeverity.WARNING;
            }
            if (!entryPath.isEmpty()) {
                int dot = location.indexOf('.');
                location = dot < 0 ? entryPath : entryPath + location.substring(dot);
            }
            issues.add(new ValidationIssue(
                    severity,
                    IssueType.PROCESSING,
                    location.isEmpty() ? "(resource)" : location,
                    message.getMessage()));
        }
    }

    private static boolean isTerminology(SingleValidationMessage message) {
        String id = message.getMessageId() == null ? "" : message.getMessageId();
        String text = message.getMessage() == null ? "" : message.getMessage().toLowerCase(java.util.Locale.ROOT);
        return id.startsWith("Terminology_") || text.contains("valueset") || text.contains("value set");
    }

    /**
     * Whether the element at a validator location ({@code Patient.communication[0].language}) has a required binding
     * in the hub's profile of the type, or in base R4 when the hub does not profile it; true when it cannot tell, so
     * an unknown case stays an error.
     */
    private boolean requiredBinding(@Nullable IBaseResource validated, String location) {
        if (validated == null) {
            return true;
        }
        String resourceType = validated.fhirType();
        java.util.regex.Matcher entry = BUNDLE_ENTRY.matcher(location);
        if (validated instanceof Bundle bundle && entry.matches()) {
            int index = Integer.parseInt(entry.group(1));
            if (index >= bundle.getEntry().size()
                    || bundle.getEntry().get(index).getResource() == null) {
                return true;
            }
            resourceType = bundle.getEntry().get(index).getResource().fhirType();
            location = resourceType + "." + entry.group(2);
        }
        String path = location.replaceAll("\\[[0-9]+\\]", "").replaceAll("\\.ofType\\([^)]*\\)", "");
        if (resourceType.isEmpty() || !path.startsWith(resourceType + ".")) {
            return true;
        }
        String url =
                HubProfiles.forType(resourceType).orElse("http://hl7.org/fhir/StructureDefinition/" + resourceType);
        org.hl7.fhir.instance.model.api.IBaseResource fetched = support.fetchStructureDefinition(url);
        if (!(fetched instanceof StructureDefinition definition)) {
            return true;
        }
        return definition.getSnapshot().getElement().stream()
                .filter(element -> element.getPath().equals(path) && element.hasBinding())
                .findFirst()
                .map(element -> element.getBinding().getStrength()
                        == org.hl7.fhir.r4.model.Enumerations.BindingStrength.REQUIRED)
                .orElse(true);
    }

    private static IssueSeverity severity(ResultSeverityEnum severity) {
        return switch (severity) {
            case FATAL -> IssueSeverity.FATAL;
            case ERROR -> IssueSeverity.ERROR;
            case WARNING -> IssueSeverity.WARNING;
            case INFORMATION -> IssueSeverity.INFORMATION;
        };
    }

    /** Reads a body without complaint, only to learn its type and entries; the validator judges it. */
    private Optional<IBaseResource> lenientParse(String body) {
        IParser parser = body.stripLeading().startsWith("<") ? context.newXmlParser() : context.newJsonParser();
        try {
            return Optional.of(
                    parser.setParserErrorHandler(new LenientErrorHandler(false)).parseResource(body));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void loadPackages(Path directory, PrePopulatedValidationSupport into) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.tgz")) {
            for (Path file : files) {
                NpmPackage npm;
                try (InputStream in = Files.newInputStream(file)) {
                    npm = NpmPackage.fromPackage(in);
                }
                for (String name : npm.listResources("StructureDefinition", "CodeSystem", "ValueSet")) {
                    try (InputStream in = npm.load("package", name)) {
                        into.addResource(context.newJsonParser().parseResource(in));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not load FHIR packages from " + directory, e);
        }
    }
}
