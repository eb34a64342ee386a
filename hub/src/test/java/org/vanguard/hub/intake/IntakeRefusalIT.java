package org.vanguard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.routes.RouteProperties;

/**
 * Client mistakes: each one a 4xx with an OperationOutcome naming the problem and where it is, nothing
 * queued, nothing audited, nothing delivered, and no ERROR in the hub's log.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntakeRefusalIT extends HubIntegrationTest {

    @Autowired
    RouteProperties routes;

    @Autowired
    ApplicationContext context;

    private long queuedBefore;
    private int auditedBefore;

    @BeforeEach
    void remember() {
        // The hub is shared: what earlier tests queued is dispatched (and audited) before the counts are taken.
        awaitDispatched();
        queuedBefore = messagesEverAddedTo(routes.intakeQueue());
        auditedBefore = auditRows();
    }

    @AfterEach
    void nothingQueuedOrStored() {
        assertThat(messagesEverAddedTo(routes.intakeQueue()))
                .as("messages queued")
                .isEqualTo(queuedBefore);
        assertThat(auditRows()).as("audit rows").isEqualTo(auditedBefore);
    }

    static Stream<Arguments> mistakes() throws IOException {
        String demo = new String(demoMessage(), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of(
                        "malformed JSON",
                        FHIR_JSON,
                        "{\"resourceType\": \"Bundle\", \"type\": ",
                        400,
                        "(body)",
                        "not valid FHIR"),
                Arguments.of(
                        "a Patient instead of a message",
                        FHIR_JSON,
                        "{\"resourceType\":\"Patient\"}",
                        400,
                        "Patient",
                        "expected a Bundle of type message"),
                Arguments.of(
                        "a Bundle that is not a message",
                        FHIR_JSON,
                        demo.replace("\"type\": \"message\"", "\"type\": \"collection\""),
                        400,
                        "Bundle.type",
                        "of type 'message'"),
                Arguments.of(
                        "an unknown event",
                        FHIR_JSON,
                        demo.replace("\"code\": \"careplan-update\"", "\"code\": \"careplan-delete\""),
                        400,
                        "Bundle.entry[0].resource.eventCoding.code",
                        "unknown event 'careplan-delete'"),
                Arguments.of(
                        "an NHS number failing its check digit",
                        FHIR_JSON,
                        demo.replace("9434765919", "9434765918"),
                        400,
                        "Bundle.entry[1].resource.identifier[0].value",
                        "Modulus 11"),
                Arguments.of(
                        "no NHS number",
                        FHIR_JSON,
                        demo.replace("https://fhir.nhs.uk/Id/nhs-number", "https://example.org/local-id"),
                        400,
                        "Bundle.entry[1].resource.identifier",
                        "no NHS number"),
                Arguments.of(
                        "a sender that is not the certificate's organisation",
                        FHIR_JSON,
                        demo.replace("\"value\": \"CH001\"", "\"value\": \"G81001\""),
                        403,
                        "Bundle.entry[0].resource.sender.identifier.value",
                        "may not send a message as G81001"),
                Arguments.of(
                        "XML labelled as JSON",
                        FHIR_JSON,
                        "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"message\"/></Bundle>",
                        400,
                        "(Content-Type)",
                        "body is XML"),
                Arguments.of(
                        "a body that is not FHIR at all", "text/plain", "hello", 415, "(Content-Type)", "is not FHIR"));
    }

    @ParameterizedTest(name = "{0} is refused with {3}")
    @MethodSource("mistakes")
    @DisplayName("a client mistake is a 4xx OperationOutcome that names the problem and where it is")
    void refused(
            String mistake,
            String contentType,
            String body,
            int status,
            String location,
            String text,
            CapturedOutput output)
            throws Exception {
        HttpResponse<String> response =
                as("CH001").post("/fhir/$process-message", contentType, body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(mistake).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+json"));
        assertThat(JsonPath.<String>read(response.body(), "$.resourceType")).isEqualTo("OperationOutcome");
        List<String> locations = JsonPath.read(response.body(), "$.issue[*].expression[*]");
        List<String> diagnostics = JsonPath.read(response.body(), "$.issue[*].diagnostics");
        assertThat(locations).contains(location);
        assertThat(String.join(" | ", diagnostics)).contains(text);
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    @DisplayName("the same message as FHIR XML is accepted")
    void xmlAccepted() throws Exception {
        Bundle bundle = FhirParsing.fromTrustedJson(Bundle.class, new String(newDemoMessage(), StandardCharsets.UTF_8));
        byte[] xml = FhirParsing.context()
                .newXmlParser()
                .encodeResourceToString(bundle)
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = as("CH001").post("/fhir/$process-message", "application/fhir+xml", xml);

        assertThat(response.statusCode()).isEqualTo(200);
        queuedBefore += 1;
        awaitDispatched();
        auditedBefore = auditRows();
    }

    @Test
    @DisplayName(
            "a message sent while the hub is not ready (starting, stopping) is a 503 with Retry-After: nothing accepted, no ERROR logged")
    void notReadyForTraffic(CapturedOutput output) throws Exception {
        HubClient client = as("CH001");
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        HttpResponse<String> response;
        try {
            response = client.post("/fhir/$process-message", FHIR_JSON, demoMessage());
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(JsonPath.<String>read(response.body(), "$.resourceType")).isEqualTo("OperationOutcome");
        assertThat(JsonPath.<String>read(response.body(), "$.issue[0].code")).isEqualTo("transient");
        assertThat(JsonPath.<String>read(response.body(), "$.issue[0].diagnostics"))
                .contains("nothing was accepted");
        assertThat(output.getAll()).doesNotContain(" ERROR ");
        assertThat(client.get("/fhir/metadata").statusCode()).as("ready again").isEqualTo(200);
    }

    @Test
    @DisplayName("an unknown path is a 404 OperationOutcome, not an error page")
    void unknownPath() throws Exception {
        HttpResponse<String> response = as("CH001").get("/fhir/Nothing/here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JsonPath.<String>read(response.body(), "$.resourceType")).isEqualTo("OperationOutcome");
    }

    @Test
    @DisplayName("a request without a client certificate does not get past the TLS handshake")
    void noCertificate() {
        assertThatThrownBy(() -> withoutCertificate().post("/fhir/$process-message", FHIR_JSON, demoMessage()))
                .isInstanceOf(IOException.class);
    }
}
