package org.vanguard.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.broker.EmbeddedBrokerConfiguration;
import org.vanguard.routes.RouteJms;

/**
 * An operator's Prometheus scrape against a known load: N care plans sent through the real mutual-TLS intake and M
 * refused, then what the scrape says moved must be exactly what was sent, decided (as the audit table counts it) and
 * collected. Every hub series, Camel's and Artemis's, is already there before the first message.
 */
class PrometheusMetricsIT extends HubIntegrationTest {

    private static final int SENT = 3;
    private static final int REFUSED = 2;

    @LocalManagementPort
    int managementPort;

    @org.springframework.beans.factory.annotation.Autowired
    jakarta.jms.ConnectionFactory connections;

    @org.springframework.beans.factory.annotation.Autowired
    EmbeddedActiveMQ broker;

    @Test
    @DisplayName(
            "hub.broker.dead.depth counts a message that ran out of attempts, on its DLQ queue of address hub.dead")
    void deadLetterDepth() throws Exception {
        // A queue under hub.#, so the hub's own dead-letter settings apply (hub.dead, a DLQ.<address> queue made on
        // the first letter); only its attempts are cut to one, merged over them, so that one rollback gives it up.
        String address = "hub.test-dead." + UUID.randomUUID();
        ActiveMQServer server = broker.getActiveMQServer();
        server.getAddressSettingsRepository()
                .addMatch(
                        address, new AddressSettings().setMaxDeliveryAttempts(1).setRedeliveryDelay(0L));
        try (jakarta.jms.JMSContext context = connections.createContext(jakarta.jms.JMSContext.SESSION_TRANSACTED)) {
            double before = scrape().getOrDefault("hub_broker_dead_depth", -1.0);
            assertThat(before).as("registered at start").isGreaterThanOrEqualTo(0.0);
            jakarta.jms.Queue queue = context.createQueue(address);
            context.createProducer().send(queue, context.createTextMessage("given up on"));
            context.commit();
            try (jakarta.jms.JMSConsumer consumer = context.createConsumer(queue)) {
                assertThat(consumer.receive(5_000)).as("its one attempt").isNotNull();
                context.rollback();
                assertThat(consumer.receive(500)).as("no second attempt").isNull();
            }
            await("the gauge, read through the broker")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> scrape().get("hub_broker_dead_depth"), depth -> depth == before + 1);

            // Taken off again: other tests share this broker.
            String deadQueue = RouteJms.deadLetterQueue(address);
            assertThat(server.locateQueue(deadQueue))
                    .as("the broker's own dead-letter queue")
                    .isNotNull();
            try (jakarta.jms.JMSConsumer consumer = context.createConsumer(
                    context.createQueue(EmbeddedBrokerConfiguration.DEAD_LETTER_ADDRESS + "::" + deadQueue))) {
                assertThat(consumer.receive(5_000)).as("the dead letter").isNotNull();
            }
            context.commit();
            await("the gauge back")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> scrape().get("hub_broker_dead_depth"), depth -> depth == before);
        } finally {
            server.getAddressSettingsRepository().removeMatch(address);
            for (String queue : List.of(address, RouteJms.deadLetterQueue(address))) {
                if (server.locateQueue(queue) != null) {
                    server.destroyQueue(org.apache.activemq.artemis.api.core.SimpleString.of(queue));
                }
            }
        }
    }

    @Test
    @DisplayName(
            "the scrape names every hub meter at start and then moves by exactly the load sent, denied and collected")
    void scrapeFollowsTheLoad() throws Exception {
        Map<String, Double> before = scrape();
        assertThat(before)
                .as("registered at start, before any traffic")
                .containsKeys(
                        "hub_intake_accepted_total{event=careplan-update}",
                        "hub_intake_refused_total{reason=invalid}",
                        "hub_intake_refused_total{reason=busy}",
                        "hub_decisions_total{outcome=deny,purpose=BTG,stage=collection}",
                        "hub_decisions_denied_total{purpose=TREAT,reason=NO_PATIENT_CONSENT}",
                        "hub_deliveries_total{channel=amqp}",
                        "hub_delivery_latency_seconds_count{channel=push}",
                        "hub_delivery_dead_letters_total{cause=expired}",
                        "hub_delivery_retries_total",
                        "hub_mailbox_depth{participant=RAC}",
                        "hub_audit_write_seconds_count",
                        "hub_intake_validation_seconds_count{result=accepted}");
        assertThat(before.keySet())
                .as("Artemis's own meters, per queue")
                .anyMatch(k -> k.startsWith("artemis_message_count{") && k.contains("queue=hub.intake.accepted"));
        assertThat(before.keySet())
                .as("Camel's routes")
                .contains("camel_route_exchanges_seconds_count{outcome=succeeded,routeId=dispatch.decide}");

        // The hub is shared with other tests: its audit is compared by what this test's load added to it.
        double permitted = auditRows("PERMIT", "DISPATCH");
        double denied = auditRows("DENY", "DISPATCH");
        double withoutAgreement = auditRowsWithReason("NO_AGREEMENT");
        double permittedAtCollection = auditRows("PERMIT", "COLLECTION");
        HubClient careHome = as("CH001");
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < SENT; i++) {
            HttpResponse<String> accepted = careHome.post(
                    "/fhir/$process-message",
                    FHIR_JSON,
                    demoMessageWithId(UUID.randomUUID().toString()));
            assertThat(accepted.statusCode()).isEqualTo(200);
            sent.add(accepted.headers().firstValue("X-Hub-Message-Id").orElseThrow());
        }
        for (int i = 0; i < REFUSED; i++) {
            byte[] badNhs = new String(demoMessage(), StandardCharsets.UTF_8)
                    .replace("9434765919", "9434765918")
                    .replace(
                            "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01",
                            UUID.randomUUID().toString())
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(careHome.post("/fhir/$process-message", FHIR_JSON, badNhs)
                            .statusCode())
                    .isEqualTo(400);
        }
        awaitDispatched();

        // Each care plan: the GP (registered practice) and MDT01 are permitted Patient and CarePlan; RAC is refused
        // both.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Double> now = scrape();
            assertThat(delta(before, now, "hub_decisions_total{outcome=permit,purpose=TREAT,stage=dispatch}"))
                    .isEqualTo(4.0 * SENT)
                    .isEqualTo(auditRows("PERMIT", "DISPATCH") - permitted);
            assertThat(delta(before, now, "hub_decisions_total{outcome=deny,purpose=TREAT,stage=dispatch}"))
                    .isEqualTo(2.0 * SENT)
                    .isEqualTo(auditRows("DENY", "DISPATCH") - denied);
        });
        Map<String, Double> dispatched = scrape();
        assertThat(delta(before, dispatched, "hub_intake_accepted_total{event=careplan-update}"))
                .isEqualTo(SENT);
        assertThat(delta(before, dispatched, "hub_intake_refused_total{reason=invalid}"))
                .isEqualTo(REFUSED);
        assertThat(delta(before, dispatched, "hub_intake_validation_seconds_count{result=accepted}"))
                .isEqualTo(SENT);
        assertThat(delta(before, dispatched, "hub_intake_validation_seconds_count{result=refused}"))
                .isEqualTo(REFUSED);
        assertThat(delta(before, dispatched, "hub_decisions_denied_total{purpose=TREAT,reason=NO_AGREEMENT}"))
                .isEqualTo(2.0 * SENT)
                .isEqualTo(auditRowsWithReason("NO_AGREEMENT") - withoutAgreement);
        assertThat(delta(before, dispatched, "hub_decisions_total{outcome=permit,purpose=POPHLTH,stage=dispatch}"))
                .isZero();
        assertThat(delta(before, dispatched, "hub_audit_write_seconds_count")).isGreaterThanOrEqualTo(SENT);
        // Dispatch takes the intake queue in batches: one exchange of dispatch.decide carries one message or several.
        assertThat(delta(
                        before,
                        dispatched,
                        "camel_route_exchanges_seconds_count{outcome=succeeded,routeId=dispatch.decide}"))
                .isBetween(1.0, (double) SENT);

        HubClient gp = as("G81001");
        String listing = gp.get("/mailbox/messages").body();
        int waiting = JsonPath.<Integer>read(listing, "$.count");
        List<String> ours = new java.util.ArrayList<>();
        for (String messageId : sent) {
            waitingFrom(gp, messageId).forEach(entry -> ours.add((String) entry.get("id")));
        }
        assertThat(ours).hasSize(SENT);
        assertThat(dispatched.get("hub_mailbox_depth{participant=G81001}")).isEqualTo(waiting);
        assertThat(delta(before, dispatched, "hub_mailbox_depth{participant=RAC}"))
                .isZero();

        assertThat(gp.get("/mailbox/messages/" + ours.get(0)).statusCode()).isEqualTo(200);
        assertThat(gp.post("/mailbox/messages/" + ours.get(0) + "/ack", null, new byte[0])
                        .statusCode())
                .isEqualTo(204);

        Map<String, Double> collected = scrape();
        assertThat(delta(dispatched, collected, "hub_deliveries_total{channel=mailbox-read}"))
                .isEqualTo(1);
        assertThat(delta(dispatched, collected, "hub_deliveries_total{channel=mailbox-ack}"))
                .isEqualTo(1);
        assertThat(delta(dispatched, collected, "hub_delivery_latency_seconds_count{channel=mailbox-ack}"))
                .isEqualTo(1);
        assertThat(delta(before, collected, "hub_decisions_total{outcome=permit,purpose=TREAT,stage=collection}"))
                .as("decisions taken again at collection, as audited")
                .isEqualTo(auditRows("PERMIT", "COLLECTION") - permittedAtCollection);
        assertThat(collected.get("hub_mailbox_depth{participant=G81001}")).isEqualTo(waiting - 1);
        assertThat(delta(dispatched, collected, "hub_delivery_latency_seconds_bucket{channel=mailbox-ack,le=+Inf}"))
                .as("a histogram, for percentiles across nodes (histogram_quantile)")
                .isEqualTo(1);

        assertThat(as("CH001").get("/actuator/prometheus").statusCode())
                .as("not on the participants' port")
                .isNotEqualTo(200);

        // The Grafana dashboard in the repository asks only for series the hub serves.
        java.util.Set<String> names = new java.util.HashSet<>();
        collected.keySet().forEach(k -> names.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
        String grafana =
                java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "grafana", "vanguard-hub.json"));
        java.util.regex.Matcher metric = java.util.regex.Pattern.compile("\\b((?:hub|camel|artemis)_[a-z_]+)\\b")
                .matcher(grafana);
        int asked = 0;
        while (metric.find()) {
            asked++;
            assertThat(names).as("Grafana panel series " + metric.group(1)).contains(metric.group(1));
        }
        assertThat(asked).isGreaterThan(15);
    }

    private double auditRows(String outcome, String stage) {
        return jdbc.queryForObject(
                "select count(*) from audit_decision where outcome = ? and event_kind = ? and purpose = 'TREAT'",
                Integer.class,
                outcome,
                stage);
    }

    private double auditRowsWithReason(String reason) {
        return jdbc.queryForObject(
                "select count(*) from audit_decision where reason_codes like ?", Integer.class, "%" + reason + "%");
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        return PrometheusScrape.delta(before, after, series);
    }

    private Map<String, Double> scrape() throws Exception {
        return PrometheusScrape.of(managementPort);
    }
}
