package org.vanguard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Generated malformed input against the real intake: broken JSON and XML, external entities, oversize
 * bodies, deep nesting, bad NHS numbers, spoofed senders, unknown events, wrong types and content types.
 * Every one must be a 4xx OperationOutcome, never a 5xx, and nothing may be queued or audited.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntakeFuzzIT extends HubIntegrationTest {

    private static final String DEMO_ID = "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01";

    /** One generated input: what kind of mistake, its content type and body. */
    record Input(String kind, String contentType, byte[] body) {}

    @Test
    @DisplayName(
            "a thousand generated malformed inputs are each refused with a 4xx OperationOutcome, and nothing is queued or audited")
    void fuzz(CapturedOutput output) throws Exception {
        List<Input> inputs = generate(new Random(20261123L));
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(1000);
        long queued = messagesEverAddedTo("hub.intake.accepted");
        int audited = auditRows();
        HubClient client = as("CH001");

        List<String> failures = new ArrayList<>();
        for (Input input : inputs) {
            HttpResponse<String> response = client.post("/fhir/$process-message", input.contentType(), input.body());
            String problem = problem(response);
            if (problem != null) {
                failures.add(input.kind() + ": " + problem);
            }
        }

        assertThat(failures).as("inputs not refused properly").isEmpty();
        assertThat(messagesEverAddedTo("hub.intake.accepted"))
                .as("messages queued")
                .isEqualTo(queued);
        assertThat(auditRows()).as("audit rows").isEqualTo(audited);
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    private static String problem(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            return "status " + status + ": "
                    + response.body().substring(0, Math.min(200, response.body().length()));
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/fhir+json")) {
            return "content type "
                    + response.headers().firstValue("Content-Type").orElse("(none)");
        }
        try {
            if (!"OperationOutcome".equals(JsonPath.read(response.body(), "$.resourceType"))
                    || JsonPath.<List<String>>read(response.body(), "$.issue[*].diagnostics")
                            .isEmpty()) {
                return "not an OperationOutcome with diagnostics";
            }
        } catch (RuntimeException e) {
            return "unreadable body";
        }
        return null;
    }

    static List<Input> generate(Random random) throws Exception {
        String json = new String(demoMessage(), StandardCharsets.UTF_8);
        String xml = FhirParsing.context()
                .newXmlParser()
                .encodeResourceToString(FhirParsing.fromTrustedJson(Bundle.class, json));
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            int cut = 1 + random.nextInt(json.length() - 4);
            inputs.add(new Input("truncated JSON at " + cut, FHIR_JSON, bytes(json.substring(0, cut))));
        }
        for (int i = 0; i < 150; i++) {
            int cut = 1 + random.nextInt(xml.length() - 12);
            inputs.add(new Input("truncated XML at " + cut, "application/fhir+xml", bytes(xml.substring(0, cut))));
        }
        for (int i = 0; i < 150; i++) {
            inputs.add(new Input(
                    "bad NHS number", FHIR_JSON, bytes(fresh(json).replace("9434765919", badNhsNumber(random)))));
        }
        for (int i = 0; i < 100; i++) {
            String spoofed = spoofedOds(random);
            inputs.add(new Input(
                    "spoofed sender " + spoofed,
                    FHIR_JSON,
                    bytes(fresh(json).replace("\"value\": \"CH001\"", "\"value\": \"" + spoofed + "\""))));
        }
        for (int i = 0; i < 60; i++) {
            inputs.add(new Input(
                    "unknown event",
                    FHIR_JSON,
                    bytes(fresh(json).replace("careplan-update", "event-" + Integer.toHexString(random.nextInt())))));
        }
        String[] contentTypes = {
            "text/plain", "application/octet-stream", "image/png", "application/x-www-form-urlencoded", null
        };
        for (int i = 0; i < 50; i++) {
            inputs.add(new Input("wrong content type", contentTypes[i % contentTypes.length], bytes(fresh(json))));
        }
        for (int i = 0; i < 30; i++) {
            int depth = 70 + random.nextInt(400);
            inputs.add(new Input(
                    "JSON nested " + depth + " deep",
                    FHIR_JSON,
                    bytes("{\"resourceType\":\"Bundle\",\"type\":\"message\",\"x\":" + "[".repeat(depth)
                            + "]".repeat(depth) + "}")));
        }
        for (int i = 0; i < 10; i++) {
            int depth = 70 + random.nextInt(400);
            inputs.add(new Input(
                    "XML nested " + depth + " deep",
                    "application/fhir+xml",
                    bytes("<Bundle xmlns=\"http://hl7.org/fhir\">" + "<x>".repeat(depth) + "</x>".repeat(depth)
                            + "</Bundle>")));
        }
        for (int i = 0; i < 50; i++) {
            inputs.add(new Input(
                    "external entity",
                    "application/fhir+xml",
                    bytes("<?xml version=\"1.0\"?>"
                            + "<!DOCTYPE Bundle [<!ENTITY e" + i + " SYSTEM \"file:///etc/passwd\">]>"
                            + "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"&e" + i + ";\"/></Bundle>")));
        }
        for (int i = 0; i < 4; i++) {
            inputs.add(new Input(
                    "oversize body",
                    FHIR_JSON,
                    bytes(fresh(json)
                            .replace(
                                    "\"Falls prevention and hydration plan\"",
                                    "\"" + "x".repeat(6 * 1024 * 1024) + "\""))));
        }
        String[][] wrongTypes = {
            {"\"type\": \"message\"", "\"type\": 5"},
            {"\"status\": \"active\"", "\"status\": \"ongoing\""},
            {"\"birthDate\": \"1936-04-12\"", "\"birthDate\": \"12/04/1936\""},
            {"\"gender\": \"female\"", "\"gender\": \"f\""},
            {"\"intent\": \"plan\"", "\"intent\": \"wish\""},
            {"\"entry\": [", "\"entry\": {\"x\": ["},
            {"\"intent\": \"plan\"", "\"intent\": [\"plan\"]"},
            {"\"gender\": \"female\"", "\"gender\": [\"female\"]"},
        };
        for (int i = 0; i < 60; i++) {
            String[] swap = wrongTypes[i % wrongTypes.length];
            inputs.add(new Input(
                    "wrong type " + swap[1], FHIR_JSON, bytes(fresh(json).replace(swap[0], swap[1]))));
        }
        for (int i = 0; i < 100; i++) {
            byte[] garbage = new byte[1 + random.nextInt(2048)];
            random.nextBytes(garbage);
            inputs.add(new Input("random bytes", i % 2 == 0 ? FHIR_JSON : "application/fhir+xml", garbage));
        }
        for (int i = 0; i < 60; i++) {
            String field =
                    new String[] {"\"resourceType\": \"MessageHeader\",", "\"sender\": {", "\"eventCoding\": {"}[i % 3];
            inputs.add(new Input(
                    "unknown element",
                    FHIR_JSON,
                    bytes(fresh(json).replace(field, field + " \"unexpected" + i + "\": true,"))));
        }
        return inputs;
    }

    /** A new message id for each generated message, so no input is merely a repeat of an accepted one. */
    private static String fresh(String json) {
        return json.replace(DEMO_ID, java.util.UUID.randomUUID().toString());
    }

    private static String badNhsNumber(Random random) {
        String nine = String.format("%09d", random.nextInt(1_000_000_000));
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nine.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        int valid = check == 11 ? 0 : check;
        int wrong = (valid + 1 + random.nextInt(8)) % 10;
        return random.nextInt(5) == 0 ? nine : nine + wrong;
    }

    private static String spoofedOds(Random random) {
        String[] known = {"G81001", "RAC", "RCP", "MDT01"};
        if (random.nextBoolean()) {
            return known[random.nextInt(known.length)];
        }
        StringBuilder ods = new StringBuilder("Z");
        for (int i = 0; i < 4; i++) {
            ods.append((char) ('A' + random.nextInt(26)));
        }
        return ods.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
