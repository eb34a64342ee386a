package org.vanguard.profiles.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * NHS England's UK Core examples (from the UK Core package, kept in {@code src/test/resources/ukcore}) against the
 * hub's profiles: a sender whose records follow UK Core must be accepted. UK Core binds several elements preferred or
 * extensible (Patient.communication.language among them), so a code from another system there is advice, never an
 * error; and no hub profile makes a binding of base R4 stricter than it is, or UK Core data would be refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UkCoreExamplesTests {

    private FullProfileValidator full;

    @BeforeAll
    void build() {
        full = new FullProfileValidator(Optional.empty());
    }

    @Test
    @DisplayName(
            "UKCore-Patient-RichardSmith-Example passes both validators; its sign-language codes are warnings at most")
    void richardSmith() throws IOException {
        Patient patient =
                FhirParsing.fromTrustedJson(Patient.class, example("UKCore-Patient-RichardSmith-Example.json"));

        assertThat(FastProfileValidator.standard().validate(patient)).isEmpty();
        List<ValidationIssue> issues = full.validate(patient);
        assertThat(issues.stream().filter(ValidationIssue::isError).toList()).isEmpty();
        assertThat(issues)
                .as("the preferred binding is still reported, as advice")
                .anySatisfy(issue -> assertThat(issue.location()).startsWith("Patient.communication[0].language"));
    }

    @Test
    @DisplayName("UKCore-CarePlan-WellnessPlan-Example passes as published (its subject references the Patient)")
    void wellnessPlan() throws IOException {
        CarePlan plan =
                FhirParsing.fromTrustedJson(CarePlan.class, example("UKCore-CarePlan-WellnessPlan-Example.json"));

        assertThat(FastProfileValidator.standard().validate(plan)).isEmpty();
        assertThat(full.validate(plan).stream().filter(ValidationIssue::isError).toList())
                .isEmpty();
    }

    @Test
    @DisplayName("UKCore-Consent-ForInformationAccess-Example passes both validators as published")
    void informationAccessConsent() throws IOException {
        Consent consent =
                FhirParsing.fromTrustedJson(Consent.class, example("UKCore-Consent-ForInformationAccess-Example.json"));

        assertThat(FastProfileValidator.standard().validate(consent)).isEmpty();
        assertThat(full.validate(consent).stream()
                        .filter(ValidationIssue::isError)
                        .toList())
                .isEmpty();
    }

    @Test
    @DisplayName("ShippedCodeSystems knows v3 ActReason from HAPI's classpath definitions, and not a misspelt code")
    void shippedCodeSystems() {
        String actReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
        assertThat(ShippedCodeSystems.defines(actReason, "GOV")).isTrue();
        assertThat(ShippedCodeSystems.defines(actReason, "HRESCH")).isTrue();
        assertThat(ShippedCodeSystems.defines(actReason, "TRAET")).isFalse();
        assertThat(ShippedCodeSystems.defines("https://example.org/not-shipped", "GOV"))
                .isFalse();
    }

    @Test
    @DisplayName(
            "no hub profile binds an element of base R4 more strictly than R4 does, except to the hub's own events")
    void bindingStrengths() {
        DefaultProfileValidationSupport base = new DefaultProfileValidationSupport(FhirParsing.context());
        for (StructureDefinition profile : full.profiles()) {
            StructureDefinition parent =
                    (StructureDefinition) base.fetchStructureDefinition(profile.getBaseDefinition());
            for (ElementDefinition element : profile.getSnapshot().getElement()) {
                if (!element.hasBinding()
                        || element.getBinding().getValueSet() != null
                                && element.getBinding().getValueSet().startsWith(HubProfiles.BASE)) {
                    continue;
                }
                parent.getSnapshot().getElement().stream()
                        .filter(inherited -> inherited.getPath().equals(element.getPath()) && inherited.hasBinding())
                        .findFirst()
                        .ifPresent(inherited -> assertThat(
                                        rank(element.getBinding().getStrength()))
                                .as(profile.getUrl() + " " + element.getPath())
                                .isLessThanOrEqualTo(rank(inherited.getBinding().getStrength())));
            }
        }
    }

    private static int rank(BindingStrength strength) {
        return switch (strength) {
            case REQUIRED -> 4;
            case EXTENSIBLE -> 3;
            case PREFERRED -> 2;
            default -> 1;
        };
    }

    static String example(String name) throws IOException {
        try (InputStream in = UkCoreExamplesTests.class.getResourceAsStream("/ukcore/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
