package org.vanguard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.demo.traffic.DemoTraffic;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/**
 * Backpressure through the real mutual-TLS intake, with dispatch stopped so the backlog stands still: a bound of ten
 * messages, each sender held to its share from three. One sender flooding is refused with 429 while another is still
 * accepted; at the bound everyone gets 503; every refusal says Retry-After and why; nothing accepted is lost, and the
 * hub accepts again by itself once dispatch has drained the backlog. And a limit of two requests taken in at once: a
 * sender with its share of the places inside gets 429, anyone at the limit 503 (a sender alone inside too), both at
 * once and with Retry-After; every place is given back, whatever the answer.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "hub.intake.admission.max-depth=10",
            "hub.intake.admission.fair-share-from=0.3",
            "hub.intake.admission.retry-after=PT7S",
            "hub.intake.admission.sample-every=PT0S",
            "hub.intake.admission.share-sample-every=PT0S",
            "hub.intake.concurrency.initial-limit=2",
            "hub.intake.concurrency.min-limit=2",
            "hub.intake.concurrency.max-limit=2"
        })
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class IntakeBackpressureIT extends HubIntegrationTest {

    private static final String DISPATCH = "dispatch.decide";

    @Autowired
    CamelContext camel;

    @LocalManagementPort
    int managementPort;

    @Autowired
    IntakeConcurrency concurrency;

    private final DemoTraffic traffic = DemoTraffic.fromClasspath();
    private final List<String> patients = DemoTraffic.patients(7, 40);
    private int next;

    @Test
    @DisplayName(
            "past its share a flooding sender gets 429, another sender still gets in, at the bound all get 503, and nothing accepted is lost")
    void boundedAndFair(CapturedOutput output) throws Exception {
        HubClient careHome = as("CH001");
        HubClient gp = as("G81001");
        List<String> accepted = new ArrayList<>();
        camel.getRouteController().stopRoute(DISPATCH);
        try {
            accepted.add(acceptedId(send(gp, "G81001")));

            HttpResponse<String> refused = null;
            for (int i = 0; i < 10 && refused == null; i++) {
                HttpResponse<String> answer = send(careHome, "CH001");
                if (answer.statusCode() == 200) {
                    accepted.add(acceptedId(answer));
                } else {
                    refused = answer;
                }
            }
            assertThat(refused).as("the care home is held to its share").isNotNull();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).contains("7");
            assertThat(JsonPath.<String>read(refused.body(), "$.issue[0].code")).isEqualTo("throttled");
            assertThat(JsonPath.<String>read(refused.body(), "$.issue[0].diagnostics"))
                    .contains("CH001 already has 5 messages waiting for dispatch");
            assertThat(accepted)
                    .as("the GP's one and the care home's share of ten between two senders")
                    .hasSize(6);

            HttpResponse<String> other = send(gp, "G81001");
            assertThat(other.statusCode())
                    .as("a flooding sender does not block another: " + other.body())
                    .isEqualTo(200);
            accepted.add(acceptedId(other));
            while (accepted.size() < 10) {
                accepted.add(acceptedId(send(gp, "G81001")));
            }

            for (String sender : List.of("G81001", "CH001")) {
                HttpResponse<String> full = send(sender.equals("G81001") ? gp : careHome, sender);
                assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
                assertThat(full.headers().firstValue("Retry-After")).contains("7");
                assertThat(JsonPath.<String>read(full.body(), "$.issue[0].diagnostics"))
                        .contains("at its intake bound (10 messages waiting for dispatch");
            }
            assertThat(management("/actuator/health/intakeAdmission")).contains("refusing new messages");
            assertThat(JsonPath.<Double>read(
                            management("/actuator/metrics/hub.intake.refused?tag=reason:busy"),
                            "$.measurements[0].value"))
                    .isEqualTo(2.0);
            assertThat(JsonPath.<Double>read(
                            management("/actuator/metrics/hub.intake.backlog.depth"), "$.measurements[0].value"))
                    .isEqualTo(10.0);
        } finally {
            camel.getRouteController().startRoute(DISPATCH);
        }
        awaitDispatched();

        Integer decided = jdbc.queryForObject(
                "select count(distinct message_id) from audit_decision where message_id in ("
                        + String.join(
                                ",", accepted.stream().map(id -> "'" + id + "'").toList()) + ")",
                Integer.class);
        assertThat(decided).as("every accepted message was dispatched").isEqualTo(accepted.size());
        assertThat(send(careHome, "CH001").statusCode())
                .as("the hub accepts again once the backlog has drained")
                .isEqualTo(200);
        assertThat(concurrency.inside())
                .as("refusals for the backlog gave their places back")
                .isZero();
        assertThat(concurrency.sendersInside()).isZero();
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    @DisplayName(
            "at the limit of requests taken in at once the hub refuses at once: 429 past a sender's share of the places, 503 at the limit, both with Retry-After")
    void limitedAtOnce(CapturedOutput output) throws Exception {
        HubClient careHome = as("CH001");
        HubClient gp = as("G81001");
        List<String> accepted = new ArrayList<>();
        try (IntakeConcurrency.Permit careHomeInside = concurrency.acquire(OdsCode.of("CH001"))) {
            accepted.add(acceptedId(send(gp, "G81001")));
            try (IntakeConcurrency.Permit gpInside = concurrency.acquire(OdsCode.of("G81001"))) {
                assertThat(concurrency.inside()).isEqualTo(2);

                HttpResponse<String> overShare = send(careHome, "CH001");
                assertThat(overShare.statusCode()).as(overShare.body()).isEqualTo(429);
                assertThat(overShare.headers().firstValue("Retry-After")).contains("1");
                assertThat(JsonPath.<String>read(overShare.body(), "$.issue[0].code"))
                        .isEqualTo("throttled");
                assertThat(JsonPath.<String>read(overShare.body(), "$.issue[0].diagnostics"))
                        .contains("CH001 already has 1 being taken in, its share of the 2 at once");

                // A third sender is within its share, and meets the limit: anything it sends is refused unread.
                HttpResponse<String> atLimit = as("RAC").post("/fhir/$process-message", FHIR_JSON, new byte[] {'{'});
                assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(503);
                assertThat(atLimit.headers().firstValue("Retry-After")).contains("1");
                assertThat(JsonPath.<String>read(atLimit.body(), "$.issue[0].diagnostics"))
                        .contains("taking in as many messages as it can at once (2)");
            }
        }
        try (IntakeConcurrency.Permit first = concurrency.acquire(OdsCode.of("CH001"));
                IntakeConcurrency.Permit second = concurrency.acquire(OdsCode.of("CH001"))) {
            HttpResponse<String> alone = send(careHome, "CH001");
            assertThat(alone.statusCode())
                    .as("a sender alone inside meets the limit, not a share: " + alone.body())
                    .isEqualTo(503);
        }
        HttpResponse<String> mistake = careHome.post("/fhir/$process-message", FHIR_JSON, new byte[] {'{'});
        assertThat(mistake.statusCode())
                .as("a client's mistake is still its own 4xx")
                .isEqualTo(400);
        assertThat(concurrency.inside()).as("every place given back").isZero();
        assertThat(concurrency.sendersInside())
                .as("and every sender counted out")
                .isZero();
        accepted.add(acceptedId(send(careHome, "CH001")));
        assertThat(JsonPath.<Double>read(
                        management("/actuator/metrics/hub.intake.refused?tag=reason:concurrency"),
                        "$.measurements[0].value"))
                .isEqualTo(2.0);
        assertThat(JsonPath.<Double>read(
                        management("/actuator/metrics/hub.intake.refused?tag=reason:concurrency-share"),
                        "$.measurements[0].value"))
                .isEqualTo(1.0);
        awaitDispatched();
        assertThat(jdbc.queryForObject(
                        "select count(distinct message_id) from audit_decision where message_id in (?, ?)",
                        Integer.class,
                        accepted.get(0),
                        accepted.get(1)))
                .as("both accepted messages dispatched")
                .isEqualTo(2);
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    private HttpResponse<String> send(HubClient client, String sender) throws Exception {
        byte[] message = traffic.message(
                sender,
                patients.get(next++),
                List.of(sender.equals("CH001") ? "G81001" : "CH001", "MDT01"),
                1,
                Instant.parse("2026-11-01T09:00:00Z"));
        return client.post("/fhir/$process-message", FHIR_JSON, message);
    }

    private String management(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String acceptedId(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonPath.read(answer.body(), "$.identifier.value");
    }
}
