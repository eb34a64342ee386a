package org.vanguard.hub.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/**
 * A sensitive code in a place other than an activity's own code, through the real mutual-TLS intake: the care home
 * sends a care plan one of whose ordinary activities (exercise therapy) is given for "HIV positive" (SNOMED CT
 * 165816005). The GP's agreement does not allow that category, so that activity is withheld from the GP's mailbox
 * copy and from its query answer alike, while the rest of the plan arrives on both.
 */
class SensitiveContentIT extends HubIntegrationTest {

    @Test
    @DisplayName(
            "an activity whose reason is HIV positive is withheld on the mailbox and the query alike; the rest of the plan arrives")
    void reasonCodeWithheldOnEveryChannel() throws Exception {
        String message = new String(newDemoMessage(), StandardCharsets.UTF_8)
                .replace(
                        "\"period\": { \"start\": \"2026-11-23\" }",
                        "\"period\": { \"start\": \"2026-11-23\" }, \"activity\": ["
                                + "{\"detail\": {\"status\": \"in-progress\", \"description\": \"Exercise therapy twice weekly\","
                                + " \"code\": {\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"229065009\"}]},"
                                + " \"reasonCode\": [{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"165816005\"}]}]}},"
                                + "{\"detail\": {\"status\": \"in-progress\", \"description\": \"Hydration prompts every two hours\"}}]");
        assertThat(message).contains("165816005");
        HttpResponse<String> sent =
                as("CH001").post("/fhir/$process-message", FHIR_JSON, message.getBytes(StandardCharsets.UTF_8));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        awaitDispatched();

        HubClient gp = as("G81001");
        List<Map<String, Object>> waiting =
                waitingFrom(gp, sent.headers().firstValue("X-Hub-Message-Id").orElseThrow());
        assertThat(waiting).hasSize(1);
        String delivered =
                gp.get("/mailbox/messages/" + waiting.get(0).get("id")).body();
        HttpResponse<String> query = gp.get(
                "/fhir/CarePlan?patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C9434765919",
                "X-Purpose-Of-Use", "TREAT");
        assertThat(query.statusCode()).as(query.body()).isEqualTo(200);

        for (String channel : List.of(delivered, query.body())) {
            assertThat(channel)
                    .contains("Falls prevention and hydration plan")
                    .contains("Hydration prompts every two hours")
                    .doesNotContain("165816005")
                    .doesNotContain("Exercise therapy twice weekly");
        }
    }
}
