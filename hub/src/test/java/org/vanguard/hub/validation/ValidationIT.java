package org.vanguard.hub.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.validation.HubProfiles;

/**
 * $validate, the CapabilityStatement and the parsing limits, over real HTTPS. The body limit is lowered
 * here so that "too large" is cheap to send.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"hub.validation.max-body-size=32KB", "hub.validation.max-depth=40"})
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class ValidationIT extends HubIntegrationTest {

    private static final String FHIR_XML = "application/fhir+xml";

    /**
     * The full validator is built on first use by default ({@code hub.validation.full-validator-at-start=false}): this
     * class's hub, its own, has not built it before its first request, and has once it has answered one.
     */
    @BeforeAll
    static void fullValidatorNotBuiltBeforeFirstUse(@Autowired FullValidation full) {
        assertThat(full.isBuilt()).isFalse();
    }

    @AfterAll
    static void fullValidatorBuiltOnFirstUse(@Autowired FullValidation full) {
        assertThat(full.isBuilt()).isTrue();
    }

    @Test
    @DisplayName(
            "the CapabilityStatement names the hub's profiles and says an NHS number with a correct Modulus 11 check digit is required")
    void capabilityStatement() throws Exception {
        HttpResponse<String> response = as("CH001").get("/fhir/metadata");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.resourceType")).isEqualTo("CapabilityStatement");
        assertThat(JsonPath.<List<String>>read(response.body(), "$.rest[0].resource[?(@.type == 'Patient')].profile"))
                .containsExactly(HubProfiles.PATIENT);
        assertThat(JsonPath.<String>read(response.body(), "$.rest[0].documentation"))
                .contains("Modulus 11");
    }

    @Test
    @DisplayName("a hub profile can be fetched with its generated snapshot")
    void structureDefinition() throws Exception {
        HttpResponse<String> response = as("CH001").get("/fhir/StructureDefinition/hub-patient");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<Object>>read(response.body(), "$.snapshot.element"))
                .hasSizeGreaterThan(20);
        assertThat(as("CH001").get("/fhir/StructureDefinition/nothing").statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("a valid Patient, in JSON or in XML, validates without errors")
    void validPatient() throws Exception {
        Patient patient = demoPatient();

        HttpResponse<String> json = as("CH001")
                .post(
                        "/fhir/Patient/$validate",
                        FHIR_JSON,
                        FhirParsing.toJson(patient).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> xml = as("CH001")
                .post(
                        "/fhir/$validate",
                        FHIR_XML,
                        FhirParsing.context()
                                .newXmlParser()
                                .encodeResourceToString(patient)
                                .getBytes(StandardCharsets.UTF_8));

        for (HttpResponse<String> response : List.of(json, xml)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<List<String>>read(response.body(), "$.issue[?(@.severity == 'error')]"))
                    .isEmpty();
            assertThat(JsonPath.<List<String>>read(response.body(), "$.issue[*].diagnostics")
                            .toString())
                    .contains("would accept it");
        }
    }

    @Test
    @DisplayName(
            "a Patient whose NHS number fails its check digit gets an error at the exact element, as a 200 OperationOutcome")
    void invalidPatient() throws Exception {
        Patient patient = demoPatient();
        patient.getIdentifierFirstRep().setValue("9434765918");
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(patient);

        HttpResponse<String> response = as("CH001")
                .post(
                        "/fhir/Patient/$validate",
                        FHIR_JSON,
                        FhirParsing.toJson(parameters).getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(response.body(), "$.issue[?(@.severity == 'error')].expression[0]"))
                .contains("Patient.identifier[0].value");
        assertThat(JsonPath.<List<String>>read(response.body(), "$.issue[?(@.severity == 'error')].diagnostics")
                        .toString())
                .contains("Modulus 11");
    }

    @Test
    @DisplayName("the demo message validates; with an unknown event it gets an error at the event code")
    void message() throws Exception {
        String demo = new String(demoMessage(), StandardCharsets.UTF_8);

        HttpResponse<String> valid =
                as("CH001").post("/fhir/$validate", FHIR_JSON, demo.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> invalid = as("CH001")
                .post(
                        "/fhir/Bundle/$validate",
                        FHIR_JSON,
                        demo.replace("\"code\": \"careplan-update\"", "\"code\": \"careplan-delete\"")
                                .getBytes(StandardCharsets.UTF_8));

        assertThat(JsonPath.<List<String>>read(valid.body(), "$.issue[?(@.severity == 'error')]"))
                .isEmpty();
        assertThat(JsonPath.<List<String>>read(invalid.body(), "$.issue[?(@.severity == 'error')].expression[0]"))
                .contains("Bundle.entry[0].resource.eventCoding.code");
    }

    @Test
    @DisplayName("a body whose type is not the one in the path is a 400")
    void wrongType() throws Exception {
        HttpResponse<String> response = as("CH001")
                .post(
                        "/fhir/CarePlan/$validate",
                        FHIR_JSON,
                        FhirParsing.toJson(demoPatient()).getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(response.body(), "$.resourceType")).isEqualTo("OperationOutcome");
    }

    @Test
    @DisplayName(
            "a body over the configured size is refused with 413, and one nested too deep with 400, neither logged as an error")
    void limits(CapturedOutput output) throws Exception {
        Patient patient = demoPatient();
        patient.addName().setText("x".repeat(40_000));
        HttpResponse<String> tooLarge = as("CH001")
                .post(
                        "/fhir/$process-message",
                        FHIR_JSON,
                        FhirParsing.toJson(patient).getBytes(StandardCharsets.UTF_8));
        String deep = "{\"resourceType\":\"Patient\",\"extension\":" + "[".repeat(50) + "]".repeat(50) + "}";
        HttpResponse<String> tooDeep =
                as("CH001").post("/fhir/$validate", FHIR_JSON, deep.getBytes(StandardCharsets.UTF_8));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JsonPath.<List<String>>read(tooLarge.body(), "$.issue[*].diagnostics")
                        .toString())
                .contains("at most 32768");
        assertThat(JsonPath.<List<String>>read(tooLarge.body(), "$.issue[*].code"))
                .as("413: FHIR's too-long, the provided content is too long")
                .isNotEmpty()
                .containsOnly("too-long");
        assertThat(tooDeep.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(tooDeep.body(), "$.issue[*].diagnostics")
                        .toString())
                .contains("nests more than 40");
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    private static Patient demoPatient() throws Exception {
        Bundle bundle = FhirParsing.fromTrustedJson(Bundle.class, new String(demoMessage(), StandardCharsets.UTF_8));
        return (Patient) bundle.getEntry().get(1).getResource();
    }
}
