package org.vanguard.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.activemq.artemis.core.server.Queue;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.TestPorts;
import org.vanguard.hub.console.ConsoleBrowser;
import org.vanguard.hub.console.ConsoleConnector;
import org.vanguard.hub.governance.GovernanceFlowIT;
import org.vanguard.hub.people.AccountAdministration;
import org.vanguard.hub.pki.HubCertificateAuthority;
import org.vanguard.hub.pki.MutualTls;
import org.vanguard.hub.signing.SignedDeliveryIT;
import org.vanguard.hub.web.Role;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Push delivery against a participant's endpoint that is a real HTTPS server in the test, with a certificate
 * from the test hub's CA and client authentication required: outage and recovery, refusal, replay and
 * acknowledgement by FHIR response message.
 */
@TestPropertySource(
        properties = {
            "hub.delivery.initial-delay=50ms",
            "hub.delivery.max-delay=400ms",
            "hub.delivery.request-timeout=5s"
        })
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class PushDeliveryIT extends HubIntegrationTest {

    private static final String JSON = "application/json";
    private static final String OUTCOME_ID = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

    @Autowired
    HubCertificateAuthority ca;

    /** What the endpoint received, in arrival order: one entry per POST it answered ok. */
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Patients whose deliveries the endpoint refuses with fatal-error. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    private final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    private HttpsServer server;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    ConsoleConnector consoleConnector;

    record Received(String messageId, String nhsNumber, String body, String signature) {}

    private static final String CH_GP = "isa-ch001-g81001-direct-care.yaml";
    private static Path agreementsDir;

    @DynamicPropertySource
    static void agreementFiles(DynamicPropertyRegistry registry) {
        agreementsDir = copyOfDemoAgreements();
        registry.add("hub.governance.agreements", () -> "file:" + agreementsDir + "/*.yaml");
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        asOfficer().delete("/admin/participants/G81001/endpoint");
    }

    @Autowired
    ReplayService replays;

    @Test
    @DisplayName(
            "a replay job a stop interrupted is resumed from the deliveries it had not finished; finished ones stay as they were")
    void unfinishedReplayResumes() {
        String job = java.util.UUID.randomUUID().toString();
        jdbc.update(
                "insert into replay_job (id, requested_by, requested_at, total, done, delivered, withheld, already_delivered,"
                        + " failed) values (?, 'operator', ?, 2, 1, 0, 0, 0, 1)",
                job,
                java.sql.Timestamp.from(java.time.Instant.now()));
        jdbc.update(
                "insert into replay_item (job_id, delivery_id, outcome, detail) values (?, 'a-finished', 'FAILED', 'before the stop')",
                job);
        jdbc.update("insert into replay_item (job_id, delivery_id) values (?, 'b-never-dead-lettered')", job);

        replays.runUnfinished();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job).orElseThrow().finishedAt() != null);
        ReplayService.Job resumed = replays.job(job).orElseThrow();
        assertThat(resumed.done()).isEqualTo(2);
        assertThat(resumed.failed()).isEqualTo(2);
        assertThat(resumed.items())
                .extracting(ReplayService.Item::detail)
                .containsExactly("before the stop", "no dead letter with this delivery id");
    }

    @Test
    @DisplayName(
            "an endpoint down while messages for several patients are sent gets all of them once back, in per-patient order, none twice")
    void outage() throws Exception {
        // Held, not listening, until the endpoint comes up: refused connections meanwhile, and no one else's port.
        Socket held = TestPorts.reserve();
        int port = held.getLocalPort();
        register("G81001", port);
        Map<String, List<String>> sentByPatient = new LinkedHashMap<>();
        List<String> patients = List.of("9434765021", "9434765064", "9434765072");
        for (int round = 0; round < 4; round++) {
            for (String nhs : patients) {
                sentByPatient.computeIfAbsent(nhs, k -> new ArrayList<>()).add(send(nhs));
            }
        }
        awaitDispatched();
        Queue mailbox = broker.getActiveMQServer().locateQueue("hub.mailbox.G81001");
        // The push consumer holds the head delivery, retrying against a closed port; nothing has arrived.
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.getDeliveringCount() > 0);
        assertThat(received).isEmpty();

        held.close();
        server = endpoint(port);

        List<String> sent =
                sentByPatient.values().stream().flatMap(List::stream).toList();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> mailbox.getMessageCount() == 0
                        && received.stream()
                                        .filter(r -> sent.contains(r.messageId()))
                                        .count()
                                >= 12);
        assertThat(received)
                .extracting(Received::messageId)
                .filteredOn(sent::contains)
                .doesNotHaveDuplicates()
                .hasSize(12);
        for (String nhs : patients) {
            assertThat(received.stream()
                            .filter(r -> r.nhsNumber().equals(nhs))
                            .map(Received::messageId)
                            .toList())
                    .as("per-patient order for %s", nhs)
                    .containsExactlyElementsOf(sentByPatient.get(nhs));
        }
        assertThat(clientSubjects).allSatisfy(subject -> assertThat(subject).contains("OU=hub-client"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from delivery_event where recipient_ods = 'G81001' and kind = 'pushed'"
                                + " and message_id in ('" + String.join("','", sent) + "')",
                        Integer.class))
                .isEqualTo(12);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where event_kind = 'RECEIPT' and action_name = 'push'"
                                + " and recipient_ods = 'G81001' and message_id in ('" + String.join("','", sent)
                                + "')",
                        Integer.class))
                .as("one push receipt per delivery")
                .isEqualTo(12);
    }

    @Test
    @DisplayName(
            "a recipient's fatal-error dead-letters the delivery and the sender finds a non-delivery notice naming no denied recipient")
    void fatalErrorDeadLetters() throws Exception {
        String nhs = "9434765099";
        refusingEndpointFor(nhs);

        String messageId = send(nhs);

        Map<String, Object> dead = awaitDeadLetter(messageId);
        assertThat(dead.get("recipient")).isEqualTo("G81001");
        assertThat(dead.get("cause")).isEqualTo("REFUSED");
        assertThat((String) dead.get("reason")).contains("fatal-error").contains("patient unknown here");
        assertThat(received).noneMatch(r -> r.messageId().equals(messageId));

        Bundle notice = awaitNotice("CH001", messageId);
        MessageHeader header = (MessageHeader) notice.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.FATALERROR);
        OperationOutcome outcome = (OperationOutcome) notice.getEntry().get(1).getResource();
        String diagnostics = outcome.getIssueFirstRep().getDiagnostics();
        assertThat(diagnostics).contains(messageId).contains("G81001").contains("patient unknown here");
        assertThat(FhirParsing.toJson(notice))
                .as("RAC was denied; the notice must not name it")
                .doesNotContain("RAC");
    }

    @Test
    @DisplayName(
            "a dead letter replayed after the patient withdrew consent is withheld and audited; another replays, and a replay of what arrived is a no-op")
    void replayIsDecidedAgain() throws Exception {
        String withdrawn = "9434765102";
        String stillPermitted = "9434765110";
        refusingEndpointFor(withdrawn, stillPermitted);
        String first = send(withdrawn);
        String second = send(stillPermitted);
        String firstDelivery = (String) awaitDeadLetter(first).get("deliveryId");
        String secondDelivery = (String) awaitDeadLetter(second).get("deliveryId");
        refused.clear();

        HttpResponse<String> consent = as("CH001")
                .post(
                        "/fhir/Consent",
                        FHIR_JSON,
                        GovernanceFlowIT.json(GovernanceFlowIT.consent(
                                withdrawn,
                                "active",
                                "2026-11-25T10:00:00Z",
                                "{'type':'permit','provision':[{'type':'deny',"
                                        + "'actor':[{'role':{'text':'recipient'},'reference':{'identifier':{'system':"
                                        + "'https://fhir.nhs.uk/Id/ods-organization-code','value':'G81001'}}}]}]}")));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);

        String job = startReplay(firstDelivery, secondDelivery);
        String progress = awaitReplay(job);
        assertThat(JsonPath.<Integer>read(progress, "$.total")).isEqualTo(2);
        assertThat(JsonPath.<Integer>read(progress, "$.withheld")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(progress, "$.delivered")).isEqualTo(1);
        assertThat(JsonPath.<List<String>>read(progress, "$.items[?(@.deliveryId == '" + firstDelivery + "')].outcome"))
                .containsExactly("WITHHELD");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where message_id = ? and recipient_ods = 'G81001'"
                                + " and outcome = 'DENY' and explanation like '%on replay " + job + "%'",
                        Integer.class,
                        first))
                .isPositive();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> received.stream().anyMatch(r -> r.messageId().equals(second)));
        assertThat(received).noneMatch(r -> r.messageId().equals(first));

        String again = startReplay(secondDelivery);
        String repeated = awaitReplay(again);
        assertThat(JsonPath.<Integer>read(repeated, "$.alreadyDelivered")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(repeated, "$.delivered")).isZero();
        assertThat(received.stream().filter(r -> r.messageId().equals(second))).hasSize(1);
    }

    @Test
    @DisplayName(
            "a dead letter replayed after its agreement was narrowed leaves with only what today's agreement shares, signed anew")
    void replayAppliesTodaysAgreement() throws Exception {
        String nhs = "9434765153";
        refusingEndpointFor(nhs);
        String messageId = send(nhs);
        String deliveryId = (String) awaitDeadLetter(messageId).get("deliveryId");
        refused.clear();

        Path file = agreementsDir.resolve(CH_GP);
        String agreed = Files.readString(file);
        String narrowed = agreed.replace(
                        "Patient: [identifier, name, telecom, gender, birthDate, address, generalPractitioner, contact]",
                        "Patient: [identifier, gender]")
                .replace("category, title, description, subject", "category, subject");
        assertThat(narrowed)
                .as("the demo agreement's data scope as this test expects it")
                .isNotEqualTo(agreed);
        Files.writeString(file, narrowed);
        try {
            assertThat(asOfficer()
                            .post("/admin/agreements/reload", JSON, new byte[0])
                            .statusCode())
                    .isEqualTo(200);
            String job = startReplay(deliveryId);
            assertThat(JsonPath.<Integer>read(awaitReplay(job), "$.delivered")).isEqualTo(1);

            Received replayed = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> received.stream()
                                    .filter(r -> r.messageId().equals(messageId))
                                    .findFirst()
                                    .orElse(null),
                            r -> r != null);
            Bundle bundle = FhirParsing.fromTrustedJson(Bundle.class, replayed.body());
            Patient patient = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(Patient.class::isInstance)
                    .map(Patient.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(nhs);
            assertThat(patient.hasGender()).isTrue();
            assertThat(patient.hasName() || patient.hasBirthDate() || patient.hasGeneralPractitioner())
                    .as("name, birth date and GP are no longer in the agreement's scope")
                    .isFalse();
            CarePlan plan = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(CarePlan.class::isInstance)
                    .map(CarePlan.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(plan.hasTitle() || plan.hasDescription())
                    .as("title and description no longer shared")
                    .isFalse();
            assertThat(plan.hasPeriod()).isTrue();
            List<Map<String, String>> keys =
                    JsonPath.read(as("G81001").get("/.well-known/jwks.json").body(), "$.keys");
            assertThat(SignedDeliveryIT.verifies(
                            replayed.signature(), replayed.body().getBytes(StandardCharsets.UTF_8), keys))
                    .as("the hub signed what it sent, not what it dead-lettered")
                    .isTrue();
            assertThat(jdbc.queryForList(
                            "select resource_type from audit_decision where message_id = ? and outcome = 'PERMIT'"
                                    + " and explanation like ?",
                            String.class,
                            messageId,
                            "%on replay " + job + "%"))
                    .as("today's permits are audited")
                    .containsExactlyInAnyOrder("Patient", "CarePlan");
            List<Map<String, Object>> disclosures = JsonPath.read(
                    asOfficer().get("/admin/patients/" + nhs + "/disclosures").body(), "$[?(@.recipient == 'G81001')]");
            assertThat(disclosures)
                    .singleElement()
                    .satisfies(d -> assertThat((String) d.get("status")).contains("released again on replay"));
        } finally {
            Files.writeString(file, agreed);
            asOfficer().post("/admin/agreements/reload", JSON, new byte[0]);
        }
    }

    @Test
    @DisplayName(
            "a recipient's response message settles a mailbox delivery (ok), leaves it (transient-error) or dead-letters it (fatal-error)")
    void acknowledgementByResponseMessage() throws Exception {
        HubClient gp = as("G81001");
        String settled = send("9434765129");
        String refusedByGp = send("9434765137");
        awaitDispatched();
        String settledDelivery = deliveryIdFor(gp, settled);
        String headerId = deliveredHeaderId(gp, settledDelivery);

        HttpResponse<String> transientAnswer =
                gp.post("/fhir/$process-message", FHIR_JSON, response(headerId, "transient-error"));
        assertThat(transientAnswer.statusCode()).as(transientAnswer.body()).isEqualTo(200);
        assertThat(mailboxMessageIds(gp)).contains(settled);

        HttpResponse<String> ok = gp.post("/fhir/$process-message", FHIR_JSON, response(headerId, "ok"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("settled");
        assertThat(mailboxMessageIds(gp)).doesNotContain(settled);
        assertThat(jdbc.queryForObject(
                        "select how from delivered_delivery where delivery_id = ?", String.class, settledDelivery))
                .isEqualTo("ack");
        assertThat(jdbc.queryForList(
                        "select action_name from audit_decision where event_kind = 'RECEIPT' and delivery_id = ?"
                                + " order by seq",
                        String.class,
                        settledDelivery))
                .containsExactly("mailbox-read", "ack");

        HttpResponse<String> unknown = gp.post("/fhir/$process-message", FHIR_JSON, response("not-a-delivery", "ok"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("OperationOutcome").contains("response.identifier");

        String refusedDelivery = deliveryIdFor(gp, refusedByGp);
        HttpResponse<String> fatal =
                gp.post("/fhir/$process-message", FHIR_JSON, response(refusedDelivery, "fatal-error"));
        assertThat(fatal.statusCode()).as(fatal.body()).isEqualTo(200);
        assertThat(mailboxMessageIds(gp)).doesNotContain(refusedByGp);
        assertThat(awaitDeadLetter(refusedByGp).get("recipient")).isEqualTo("G81001");
        assertThat(awaitNotice("CH001", refusedByGp)).isNotNull();
    }

    @Test
    @DisplayName("a push endpoint must be https, for a participant, and only IG officers register it")
    void endpointRegistration() throws Exception {
        HttpResponse<String> plain = asOfficer()
                .put(
                        "/admin/participants/G81001/endpoint",
                        JSON,
                        GovernanceFlowIT.json("{'baseUrl':'http://g81001.example/fhir'}"));
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body())
                .contains("OperationOutcome")
                .contains("baseUrl")
                .contains("https");
        assertThat(asOfficer()
                        .put(
                                "/admin/participants/NOPE1/endpoint",
                                JSON,
                                GovernanceFlowIT.json("{'baseUrl':'https://x.example/fhir'}"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(as("G81001")
                        .put(
                                "/admin/participants/G81001/endpoint",
                                JSON,
                                GovernanceFlowIT.json("{'baseUrl':'https://x.example/fhir'}"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(asOfficer().get("/admin/participants/RAC/endpoint").statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "an operator finds a dead letter in the console with why it died, replays it and watches the replay finish; the recipient gets it once")
    void operatorReplaysFromTheConsole() throws Exception {
        String nhs = "9434766028";
        refusingEndpointFor(nhs);
        String messageId = send(nhs);
        String deliveryId = (String) awaitDeadLetter(messageId).get("deliveryId");
        refused.clear();
        accounts.create("olive-operator", "olive's long password", EnumSet.of(Role.OPERATOR), Optional.empty(), "test");
        String console = "https://localhost:" + consoleConnector.port();
        try (ConsoleBrowser chromium = ConsoleBrowser.start()) {
            WebDriver browser = chromium.driver();
            chromium.signIn(console, "olive-operator", "olive's long password");
            browser.get(console + "/console/operations/dead-letters");
            WebElement row = browser.findElements(By.cssSelector("#dead-letters tbody tr")).stream()
                    .filter(r -> r.getText().contains(deliveryId))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.getText()).contains("REFUSED", "patient unknown here", "G81001");
            chromium.checkAccessibility("dead letters");
            chromium.screenshot("dead-letters");

            browser.findElement(By.cssSelector("#replay-selected button.primary"))
                    .click();
            assertThat(browser.findElement(By.id("selection-error")).getText()).contains("Tick the dead letters");
            browser.findElement(By.id("dl-" + deliveryId)).click();
            browser.findElement(By.cssSelector("#replay-selected button.primary"))
                    .click();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("replay-status"), "Finished"));
            assertThat(browser.findElement(By.id("replay-status")).getText()).contains("1 delivered");
            assertThat(browser.findElement(By.id("replay-bar")).getAttribute("value"))
                    .isEqualTo("1");
            chromium.checkAccessibility("replay");
            chromium.screenshot("replay");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> received.stream().anyMatch(r -> r.messageId().equals(messageId)));
        assertThat(received.stream().filter(r -> r.messageId().equals(messageId)))
                .hasSize(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:olive-operator'"
                                + " and action_name = 'replay.start'",
                        Integer.class))
                .isOne();
    }

    /** G81001's endpoint, up and registered, answering fatal-error for these patients' deliveries. */
    private void refusingEndpointFor(String... patients) throws Exception {
        refused.addAll(List.of(patients));
        int port = TestPorts.free();
        server = endpoint(port);
        register("G81001", port);
    }

    private void register(String ods, int port) throws Exception {
        HttpResponse<String> registered = asOfficer()
                .put(
                        "/admin/participants/" + ods + "/endpoint",
                        JSON,
                        GovernanceFlowIT.json("{'baseUrl':'https://localhost:" + port + "/fhir'}"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(registered.body(), "$.pushing")).isTrue();
    }

    private String send(String nhs) throws Exception {
        HttpResponse<String> sent =
                as("CH001").post("/fhir/$process-message", FHIR_JSON, GovernanceFlowIT.demoFor(nhs));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        return sent.headers().firstValue("X-Hub-Message-Id").orElseThrow();
    }

    private Map<String, Object> awaitDeadLetter(String messageId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            List<Map<String, Object>> found = JsonPath.read(
                                    asOfficer().get("/admin/dead-letters").body(),
                                    "$.deadLetters[?(@.messageId == '" + messageId + "')]");
                            return found.isEmpty() ? null : found.get(0);
                        },
                        found -> found != null);
    }

    private Bundle awaitNotice(String ods, String messageId) throws Exception {
        HubClient sender = as(ods);
        String noticeId = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            List<String> ids = JsonPath.read(
                                    sender.get("/mailbox/messages").body(),
                                    "$.messages[?(@.messageId == '" + messageId
                                            + "' && @.event == 'non-delivery')].id");
                            return ids.isEmpty() ? null : ids.get(0);
                        },
                        id -> id != null);
        HttpResponse<String> read = sender.get("/mailbox/messages/" + noticeId);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("X-Hub-Signature")).isPresent();
        return FhirParsing.fromTrustedJson(Bundle.class, read.body());
    }

    private String startReplay(String... deliveryIds) throws Exception {
        HttpResponse<String> started = asOfficer()
                .post(
                        "/admin/replays",
                        JSON,
                        GovernanceFlowIT.json("{'deliveryIds':['" + String.join("','", deliveryIds) + "']}"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return JsonPath.read(started.body(), "$.id");
    }

    private String awaitReplay(String job) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> asOfficer().get("/admin/replays/" + job).body(),
                        body -> JsonPath.<Object>read(body, "$.finishedAt") != null);
    }

    private static String deliveryIdFor(HubClient client, String messageId) throws Exception {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            List<String> ids = JsonPath.read(
                                    client.get("/mailbox/messages").body(),
                                    "$.messages[?(@.messageId == '" + messageId + "')].id");
                            return ids.isEmpty() ? null : ids.get(0);
                        },
                        id -> id != null);
    }

    private static String deliveredHeaderId(HubClient client, String deliveryId) throws Exception {
        Bundle delivered = FhirParsing.fromTrustedJson(
                Bundle.class, client.get("/mailbox/messages/" + deliveryId).body());
        return delivered.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static List<String> mailboxMessageIds(HubClient client) throws Exception {
        return JsonPath.read(client.get("/mailbox/messages").body(), "$.messages[*].messageId");
    }

    /** A FHIR response message as a recipient's system sends it. */
    private static byte[] response(String answered, String code) {
        return GovernanceFlowIT.json("{'resourceType':'Bundle','type':'message','entry':[{'fullUrl':'urn:uuid:"
                + java.util.UUID.randomUUID() + "','resource':{'resourceType':'MessageHeader','id':'"
                + java.util.UUID.randomUUID()
                + "','eventCoding':{'system':'https://vanguard-hub.org/fhir/CodeSystem/hub-event',"
                + "'code':'careplan-update'},'source':{'endpoint':'https://g81001.example/fhir'},"
                + "'response':{'identifier':'" + answered + "','code':'" + code + "'}}}]}");
    }

    /** The participant's $process-message: mutual TLS with a server certificate from the hub's CA. */
    private HttpsServer endpoint(int port) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = ca.issuer()
                .issueServerCredential(List.of("localhost"), List.of("127.0.0.1"))
                .toPkcs12("endpoint", password);
        SSLContext ssl = MutualTls.bundle(keys, password, ca.trustStore()).createSslContext();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        https.createContext("/fhir/$process-message", this::processMessage);
        https.start();
        return https;
    }

    private void processMessage(HttpExchange exchange) throws IOException {
        clientSubjects.add(
                ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                        .getSubjectX500Principal()
                        .getName());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Bundle delivery = FhirParsing.fromTrustedJson(Bundle.class, body);
        String nhs = delivery.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance)
                .map(p -> ((Patient) p).getIdentifierFirstRep().getValue())
                .findFirst()
                .orElse("");
        String headerId =
                delivery.getEntryFirstRep().getResource().getIdElement().getIdPart();
        String answer;
        if (refused.contains(nhs)) {
            answer = "{\"resourceType\":\"Bundle\",\"type\":\"message\",\"entry\":[{\"fullUrl\":\"urn:uuid:"
                    + java.util.UUID.randomUUID() + "\",\"resource\":{\"resourceType\":\"MessageHeader\","
                    + "\"eventCoding\":{\"system\":\"https://vanguard-hub.org/fhir/CodeSystem/hub-event\",\"code\":\"careplan-update\"},"
                    + "\"source\":{\"endpoint\":\"https://g81001.example/fhir\"},\"response\":{\"identifier\":\""
                    + headerId
                    + "\",\"code\":\"fatal-error\",\"details\":{\"reference\":\"urn:uuid:" + OUTCOME_ID
                    + "\"}}}},{\"fullUrl\":\"urn:uuid:" + OUTCOME_ID + "\","
                    + "\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\","
                    + "\"diagnostics\":\"patient unknown here\"}]}}]}";
        } else {
            received.add(new Received(
                    delivery.getIdentifier().getValue(),
                    nhs,
                    body,
                    exchange.getRequestHeaders().getFirst("X-Hub-Signature")));
            answer = "";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
