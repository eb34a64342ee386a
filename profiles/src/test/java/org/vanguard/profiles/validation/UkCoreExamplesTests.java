package org.vanguard.profiles.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * NHS England's UK Core examples (as published, kept in {@code src/test/resources/ukcore}, whose README names the
 * upstream commit and what each example must get) against the hub's profiles: a sender whose records follow UK Core
 * must be accepted, and where the hub refuses one, it refuses it for the reason stated there and no other. UK Core binds several elements preferred or
 * extensible (Patient.communication.language among them), so a code from another system there is advice, never an
 * error; and no hub profile makes a binding of base R4 stricter than it is, or UK Core data would be refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UkCoreExamplesTests {

    /** BabyPatient's NHS number as published, and with the check digit the Modulus 11 rule gives. */
    static final String PUBLISHED_BABY_NHS = "9912003890";

    static final String CORRECTED_BABY_NHS = "9912003896";

    private FullProfileValidator full;

    @BeforeAll
    void build() {
        full = new FullProfileValidator(Optional.empty());
    }

    @Test
    @DisplayName(
            "UKCore-Patient-RichardSmith-Example passes both validators; its sign-language codes are warnings at most")
    void richardSmith() throws IOException {
        Patient patient = parse(Patient.class, "UKCore-Patient-RichardSmith-Example.xml");

        assertThat(patient.getText().getDiv().isEmpty())
                .as("the current publication, with its narrative")
                .isFalse();
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
        CarePlan plan = parse(CarePlan.class, "UKCore-CarePlan-WellnessPlan-Example.xml");

        assertThat(FastProfileValidator.standard().validate(plan)).isEmpty();
        assertThat(full.validate(plan).stream().filter(ValidationIssue::isError).toList())
                .isEmpty();
    }

    @Test
    @DisplayName("UKCore-Consent-ForInformationAccess-Example passes both validators as published")
    void informationAccessConsent() throws IOException {
        Consent consent = parse(Consent.class, "UKCore-Consent-ForInformationAccess-Example.xml");

        assertThat(consent.getText().getDiv().isEmpty())
                .as("the current publication, with its narrative")
                .isFalse();
        assertThat(FastProfileValidator.standard().validate(consent)).isEmpty();
        assertThat(full.validate(consent).stream()
                        .filter(ValidationIssue::isError)
                        .toList())
                .isEmpty();
    }

    @Test
    @DisplayName(
            "UKCore-Patient-BabyPatient-Example is refused only for its NHS number's check digit, and passes with it corrected")
    void babyPatient() throws IOException {
        Patient published = parse(Patient.class, "UKCore-Patient-BabyPatient-Example.xml");

        assertThat(published.getIdentifierFirstRep().getValue()).isEqualTo(PUBLISHED_BABY_NHS);
        assertThat(NhsNumberCheck.problem(PUBLISHED_BABY_NHS))
                .as("9, 9, 1, 2, 0, 0, 3, 8, 9 weighted 10 to 2 sum to 247; 11 - 247 mod 11 = 6, not 0")
                .isPresent();
        assertThat(NhsNumberCheck.problem(CORRECTED_BABY_NHS)).isEmpty();
        assertThat(FastProfileValidator.standard().validate(published))
                .singleElement()
                .satisfies(issue -> {
                    assertThat(issue.location()).isEqualTo("Patient.identifier[0].value");
                    assertThat(issue.text()).contains("Modulus 11");
                });
        assertThat(full.validate(published).stream()
                        .filter(ValidationIssue::isError)
                        .toList())
                .singleElement()
                .satisfies(issue -> {
                    assertThat(issue.location()).isEqualTo("Patient.identifier[0]");
                    assertThat(issue.text()).contains("hub-nhs-1");
                });

        Patient corrected = parse(
                Patient.class,
                "UKCore-Patient-BabyPatient-Example.xml",
                xml -> xml.replace(PUBLISHED_BABY_NHS, CORRECTED_BABY_NHS));
        assertThat(FastProfileValidator.standard().validate(corrected)).isEmpty();
        assertThat(full.validate(corrected).stream()
                        .filter(ValidationIssue::isError)
                        .toList())
                .isEmpty();
    }

    @Test
    @DisplayName(
            "UKCore-MessageHeader-Discharge-Example is refused exactly for its SNOMED CT event and its sender without an ODS code")
    void dischargeMessageHeader() throws IOException {
        MessageHeader header = parse(MessageHeader.class, "UKCore-MessageHeader-Discharge-Example.xml");

        assertThat(FastProfileValidator.standard().validate(header))
                .extracting(issue -> issue.location())
                .containsExactlyInAnyOrder("MessageHeader.eventCoding.system", "MessageHeader.sender.identifier");
        assertThat(FastProfileValidator.standard().validate(header))
                .filteredOn(issue -> issue.location().startsWith("MessageHeader.eventCoding"))
                .singleElement()
                .satisfies(issue -> assertThat(issue.text()).contains(HubProfiles.EVENT_SYSTEM));
        assertThat(full.validate(header).stream()
                        .filter(ValidationIssue::isError)
                        .toList())
                .extracting(ValidationIssue::location)
                .containsExactlyInAnyOrder("MessageHeader.event.ofType(Coding)", "MessageHeader.sender");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UKCore-Bundle-AllergyList-Example.xml",
                "UKCore-Bundle-Batch-Example.xml",
                "UKCore-Bundle-BatchPOST-Example.xml",
                "UKCore-Bundle-NEWS2Observations-Example.xml",
                "UKCore-Bundle-Sn-NoAllergyData-Example.xml"
            })
    @DisplayName("UK Core's Bundles (collection, batch, searchset) get no message rules; only base R4's own errors")
    void bundles(String name) throws IOException {
        Bundle bundle = parse(Bundle.class, name);

        assertThat(bundle.getType()).isNotEqualTo(Bundle.BundleType.MESSAGE);
        assertThat(FastProfileValidator.standard().validate(bundle))
                .as("the fast path holds only a message Bundle to the message rules")
                .isEmpty();
        List<ValidationIssue> errors =
                full.validate(bundle).stream().filter(ValidationIssue::isError).toList();
        if (name.contains("NEWS2Observations")) {
            assertThat(errors)
                    .as("base R4: each of its eight entries has a relative fullUrl")
                    .hasSize(8)
                    .allSatisfy(issue -> assertThat(issue.text()).contains("fullUrl must be an absolute URL"));
        } else {
            assertThat(errors).isEmpty();
        }
    }

    @Test
    @DisplayName("every file of the corpus is one these tests read, and the README names the upstream commit")
    void corpusIsComplete() throws Exception {
        java.nio.file.Path corpus = java.nio.file.Path.of(UkCoreExamplesTests.class
                        .getResource("/ukcore/README.md")
                        .toURI())
                .getParent();
        String readme = java.nio.file.Files.readString(corpus.resolve("README.md"));
        assertThat(readme).containsPattern("commit\\s+`[0-9a-f]{40}`");
        try (var files = java.nio.file.Files.list(corpus)) {
            assertThat(files.map(f -> f.getFileName().toString())
                            .filter(f -> f.endsWith(".xml"))
                            .toList())
                    .containsExactlyInAnyOrder(
                            "UKCore-Patient-RichardSmith-Example.xml",
                            "UKCore-CarePlan-WellnessPlan-Example.xml",
                            "UKCore-Consent-ForInformationAccess-Example.xml",
                            "UKCore-Patient-BabyPatient-Example.xml",
                            "UKCore-MessageHeader-Discharge-Example.xml",
                            "UKCore-Bundle-AllergyList-Example.xml",
                            "UKCore-Bundle-Batch-Example.xml",
                            "UKCore-Bundle-BatchPOST-Example.xml",
                            "UKCore-Bundle-NEWS2Observations-Example.xml",
                            "UKCore-Bundle-Sn-NoAllergyData-Example.xml")
                    .allSatisfy(name -> assertThat(readme)
                            .contains(name.startsWith("UKCore-Bundle-") ? "UKCore-Bundle-*-Example.xml" : name));
        }
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

    /** An example as published (FHIR XML). */
    static <T extends Resource> T parse(Class<T> type, String name) throws IOException {
        return parse(type, name, xml -> xml);
    }

    static <T extends Resource> T parse(Class<T> type, String name, UnaryOperator<String> edit) throws IOException {
        return FhirParsing.context().newXmlParser().parseResource(type, edit.apply(example(name)));
    }
}
