package org.vanguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/**
 * What a careless client or a probing attacker meets on the participants' port: admin bodies of the wrong shape are a
 * 400 OperationOutcome naming the body, never a 503 with an ERROR; every answer, refusals included, carries HSTS,
 * nosniff, no-store and a CSP that allows nothing; a message whose ids, full URLs or names break FHIR's rules is
 * refused at the element, and nothing of it is queued.
 */
@ExtendWith(OutputCaptureExtension.class)
class HardeningIT extends HubIntegrationTest {

    private static final Map<String, String> SHAPES = Map.of(
            "a JSON string",
            "\"text\"",
            "an array",
            "[1, 2]",
            "a number",
            "42",
            "broken JSON",
            "{\"nhsNumber\": ",
            "an object where text belongs",
            "{\"nhsNumber\": {\"a\": 1}, \"type\": [], \"participant\": {}, \"kind\": 7, \"party\": {}, \"sender\": []}");

    @Test
    @DisplayName(
            "an admin body of the wrong shape is a 400 OperationOutcome on every endpoint that reads one, never a 5xx or an ERROR")
    void wrongShapesAreClientErrors(CapturedOutput output) throws Exception {
        HubClient officer = asOfficer();
        for (String path : List.of(
                "/admin/objections",
                "/admin/relationships",
                "/admin/decisions/what-if",
                "/admin/agreements/ISA-CH001-G81001-DC/approve",
                "/admin/subscriptions",
                "/admin/users",
                "/admin/replays",
                "/admin/relationships/end",
                "/admin/agreements/ISA-CH001-G81001-DC/suspend")) {
            for (Map.Entry<String, String> shape : SHAPES.entrySet()) {
                HttpResponse<String> answer =
                        officer.post(path, "application/json", shape.getValue().getBytes(StandardCharsets.UTF_8));
                assertThat(answer.statusCode())
                        .as(path + " with " + shape.getKey() + ": " + answer.body())
                        .isBetween(400, 499);
                assertThat(JsonPath.<String>read(answer.body(), "$.resourceType"))
                        .isEqualTo("OperationOutcome");
            }
        }
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    @DisplayName(
            "every answer carries HSTS, nosniff, no-store, a CSP that allows nothing and no referrer, refusals included")
    void securityHeadersEverywhere() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                as("CH001").get("/mailbox/messages"),
                as("CH001").get("/fhir/metadata"),
                as("CH001").get("/admin/audit"),
                asOfficer().get("/admin/agreements"),
                as("CH001").get("/nowhere"),
                as("CH001").post("/fhir/$process-message", FHIR_JSON, "{".getBytes(StandardCharsets.UTF_8)));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().firstValue("Strict-Transport-Security"))
                    .as(answer.uri().toString())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
            assertThat(answer.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        }
        HubClient.RawResponse refusedByTomcat =
                as("CH001").raw("GET /fhir/Patient?identifier=%zz HTTP/1.1\r\n", new byte[0]);
        HubClient.RawResponse badRequestLine = as("CH001").raw("GET /fhir/Pat\u0001ient HTTP/1.1\r\n", new byte[0]);
        for (HubClient.RawResponse raw : List.of(refusedByTomcat, badRequestLine)) {
            assertThat(raw.headers())
                    .containsKeys("Strict-Transport-Security", "X-Content-Type-Options", "Cache-Control");
        }
    }

    @Test
    @DisplayName(
            "a message whose Bundle.id, fullUrl or names break FHIR's rules is refused at the element, and nothing is queued")
    void idsFullUrlsAndControlCharacters() throws Exception {
        String demo = new String(demoMessage(), StandardCharsets.UTF_8);
        long queuedBefore = messagesEverAddedTo("hub.intake.accepted");
        Map<String, String> cases = Map.of(
                "Bundle.id",
                        demo.replaceFirst(
                                "\"resourceType\": \"Bundle\",",
                                "\"resourceType\": \"Bundle\", \"id\": \"" + "../".repeat(50) + "\","),
                "Bundle.entry[1].fullUrl",
                        demo.replace(
                                "\"fullUrl\": \"urn:uuid:0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c\"",
                                "\"fullUrl\": \"javascript:alert(1)\""),
                "Bundle.entry[1].resource.name[0].family", demo.replace("\"Hartley\"", "\"Hart\\u0000ley\""),
                "Bundle.entry[1].resource.name[0].given[0]", demo.replace("\"Edith\"", "\"Ed\\u202eith\""));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThat(c.getValue()).as("the case changes the message").isNotEqualTo(demo);
            HttpResponse<String> answer = as("CH001")
                    .post("/fhir/$process-message", FHIR_JSON, c.getValue().getBytes(StandardCharsets.UTF_8));
            assertThat(answer.statusCode())
                    .as(c.getKey() + ": " + answer.body())
                    .isEqualTo(400);
            assertThat(JsonPath.<List<String>>read(answer.body(), "$.issue[*].expression[0]"))
                    .as(answer.body())
                    .contains(c.getKey());
        }
        assertThat(messagesEverAddedTo("hub.intake.accepted")).isEqualTo(queuedBefore);
        HttpResponse<String> unusual = as("CH001")
                .post(
                        "/fhir/$process-message",
                        FHIR_JSON,
                        demo.replace("\"Hartley\"", "\"Hartley-O'Neil Ævarsdóttir\"")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(unusual.statusCode())
                .as("merely unusual names stay accepted: " + unusual.body())
                .isEqualTo(200);
    }
}
