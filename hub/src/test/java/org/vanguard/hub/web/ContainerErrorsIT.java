package org.vanguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/**
 * FHIR token searches with a literal {@code |}, as FHIR clients write them, and every error the web container makes
 * itself (a request line it cannot parse, headers too large, an unknown path, a wrong method or media type) answered as
 * a FHIR OperationOutcome with the right 4xx, over the real mutual-TLS connector, never as an HTML page and never logged
 * as an ERROR.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContainerErrorsIT extends HubIntegrationTest {

    @Test
    @DisplayName("a token search with a literal '|' is answered like its encoded form")
    void literalPipeInTokenSearch() throws Exception {
        assertThat(as("CH001")
                        .post("/fhir/$process-message", FHIR_JSON, newDemoMessage())
                        .statusCode())
                .isEqualTo(200);
        awaitDispatched();

        HubClient.RawResponse answer = as("G81001")
                .raw(
                        "GET /fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919"
                                + " HTTP/1.1\r\nX-Purpose-Of-Use: TREAT\r\nAccept: application/fhir+json\r\n",
                        new byte[0]);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(answer.body(), "$.type")).isEqualTo("searchset");
        assertThat(JsonPath.<List<String>>read(answer.body(), "$.entry[*].resource.resourceType"))
                .contains("Patient");
    }

    @Test
    @DisplayName(
            "what Tomcat refuses before any handler is an OperationOutcome naming the problem and where, logged below ERROR")
    void containerErrorsAreOperationOutcomes(CapturedOutput output) throws Exception {
        HubClient client = as("CH001");
        assertOutcome(client.raw("GET /fhir/Patient?identifier=%zz HTTP/1.1\r\n", new byte[0]), 400, "(request");
        assertOutcome(client.raw("GET /fhir/Pat\u0001ient HTTP/1.1\r\n", new byte[0]), 400, "(request");
        assertOutcome(client.raw("GET /fhir/Patient?identifier=a\"b<c> HTTP/1.1\r\n", new byte[0]), 400, "(request");
        assertOutcome(
                client.raw("GET /fhir/metadata HTTP/1.1\r\nX-Padding: " + "x".repeat(20_000) + "\r\n", new byte[0]),
                400,
                "(request headers)");
        HubClient.RawResponse inXml =
                client.raw("GET /fhir/Pat%zzient HTTP/1.1\r\nAccept: application/fhir+xml\r\n", new byte[0]);
        assertThat(inXml.status()).as(inXml.body()).isEqualTo(400);
        assertThat(inXml.headers().get("Content-Type"))
                .as("the container's refusal in the format asked for")
                .contains("application/fhir+xml");
        assertThat(inXml.body())
                .startsWith("<OperationOutcome xmlns=\"http://hl7.org/fhir\">")
                .contains("<diagnostics");

        HttpResponse<String> unknown = client.get("/nowhere/at/all");
        assertThat(unknown.statusCode())
                .as("deny by default: a path no rule opens is refused")
                .isEqualTo(403);
        assertThat(JsonPath.<String>read(unknown.body(), "$.issue[0].code")).isEqualTo("forbidden");
        HttpResponse<String> unknownFhir = client.get("/fhir/NoSuchType/1");
        assertThat(unknownFhir.statusCode()).isEqualTo(404);
        assertThat(JsonPath.<String>read(unknownFhir.body(), "$.issue[0].code")).isEqualTo("not-found");

        HubClient.RawResponse wrongMethod =
                client.raw("PUT /mailbox/messages HTTP/1.1\r\nContent-Type: application/json\r\n", "{}".getBytes());
        assertOutcome(wrongMethod, 405, "(request)");
        assertThat(wrongMethod.headers().get("Allow")).contains("GET");
        assertThat(JsonPath.<String>read(wrongMethod.body(), "$.issue[0].code")).isEqualTo("not-supported");

        HttpResponse<String> wrongType = client.post("/fhir/$process-message", "text/plain", "hello".getBytes());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("fhir+json"));

        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("<html");
    }

    private static void assertOutcome(HubClient.RawResponse answer, int status, String where) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().get("Content-Type")).as(answer.body()).contains("application/fhir+json");
        assertThat(answer.body()).doesNotContain("<html");
        assertThat(JsonPath.<String>read(answer.body(), "$.resourceType")).isEqualTo("OperationOutcome");
        assertThat(JsonPath.<String>read(answer.body(), "$.issue[0].diagnostics"))
                .isNotBlank();
        assertThat(JsonPath.<List<String>>read(answer.body(), "$.issue[0].expression")
                        .get(0))
                .startsWith(where);
    }
}
