package org.vanguard.hub.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Agreements, relationships, objections and Consent deciding real messages end to end, each outcome read
 * back from the recipient's mailbox and from the audit.
 */
public class GovernanceFlowIT extends HubIntegrationTest {

    private static final String JSON = "application/json";

    @Test
    @DisplayName("a patient's objection to the shared care record stops their care plan reaching the GP practice")
    void objectionDeniesDirectCare() throws Exception {
        String nhs = "9434765005";
        assertThat(asOfficer()
                        .post(
                                "/admin/objections",
                                JSON,
                                json("{'nhsNumber':'" + nhs + "','type':'shared-care-record'}"))
                        .statusCode())
                .isEqualTo(201);

        String messageId = send("CH001", demoFor(nhs));

        List<Map<String, Object>> decisions = decisionsFor(messageId, "G81001");
        assertThat(decisions).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("DENY");
            assertThat(row.get("reasons")).isEqualTo(List.of("NO_PATIENT_CONSENT"));
            assertThat(String.join(" ", explanation(row))).contains("shared");
        });
        assertThat(mailboxMessageIds("G81001")).doesNotContain(messageId);
    }

    @Test
    @DisplayName("a Consent denying the GP practice stops delivery, and withdrawing it lets the next message through")
    void consentAndWithdrawal() throws Exception {
        String nhs = "9434765013";
        HttpResponse<String> recorded = as("CH001")
                .post(
                        "/fhir/Consent",
                        FHIR_JSON,
                        json(
                                consent(
                                        nhs,
                                        "active",
                                        "2026-11-01T10:00:00Z",
                                        "{'type':'permit','provision':[{'type':'deny','actor':[{'role':{'text':'recipient'},"
                                                + "'reference':{'identifier':{'system':'https://fhir.nhs.uk/Id/ods-organization-code','value':'G81001'}}}]}]}")));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);

        String denied = send("CH001", demoFor(nhs));
        List<Map<String, Object>> decisions = decisionsFor(denied, "G81001");
        assertThat(decisions).allSatisfy(row -> {
            assertThat(row.get("reasons")).isEqualTo(List.of("NO_PATIENT_CONSENT"));
            assertThat(String.join(" ", explanation(row))).contains("CH001/consent-" + nhs);
        });
        assertThat(mailboxMessageIds("G81001")).doesNotContain(denied);

        assertThat(as("CH001")
                        .post(
                                "/fhir/Consent",
                                FHIR_JSON,
                                json(consent(
                                        nhs,
                                        "inactive",
                                        "2026-11-20T10:00:00Z",
                                        "{'type':'deny','provision':[{'type':'permit'}]}")))
                        .statusCode())
                .isEqualTo(201);

        String permitted = send("CH001", demoFor(nhs));
        assertThat(decisionsFor(permitted, "G81001"))
                .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("PERMIT"));
        assertThat(mailboxMessageIds("G81001")).contains(permitted);
    }

    @Test
    @DisplayName(
            "break-glass with a coded reason reaches the GP over the patient's objection, and an IG officer reviews it")
    void breakGlassReviewed() throws Exception {
        String nhs = "9434765048";
        asOfficer().post("/admin/objections", JSON, json("{'nhsNumber':'" + nhs + "','type':'shared-care-record'}"));
        String messageId = send("CH001", breakGlassFor(nhs));

        assertThat(decisionsFor(messageId, "G81001")).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("PERMIT");
            assertThat(row.get("purpose")).isEqualTo("BTG");
            assertThat(String.join(" ", explanation(row))).containsIgnoringCase("override");
        });
        assertThat(mailboxMessageIds("G81001")).contains(messageId);
        List<Map<String, Object>> open =
                JsonPath.read(asOfficer().get("/admin/reviews?status=open").body(), "$");
        List<Map<String, Object>> mine =
                open.stream().filter(r -> messageId.equals(r.get("messageId"))).toList();
        assertThat(mine).isNotEmpty().allSatisfy(review -> {
            assertThat(review.get("reasonCode")).isEqualTo("unconscious");
            assertThat(review.get("requestedBy")).isEqualTo("Nurse Jo Bloggs");
            assertThat(review.get("recipient")).isEqualTo("G81001");
        });

        Object id = mine.get(0).get("id");
        assertThat(asOfficer()
                        .post(
                                "/admin/reviews/" + id + "/close",
                                JSON,
                                json("{'outcome':'justified','note':'Appropriate: resident found unresponsive'}"))
                        .statusCode())
                .isEqualTo(204);
        List<Map<String, Object>> closed =
                JsonPath.read(asOfficer().get("/admin/reviews?status=closed").body(), "$");
        assertThat(closed).anySatisfy(review -> {
            assertThat(review.get("id")).isEqualTo(id);
            assertThat(review.get("closedBy").toString()).contains("Demo IG Officer");
            assertThat(review.get("reviewOutcome")).isEqualTo("justified");
        });
    }

    @Test
    @DisplayName("break-glass without a coded reason is no override: the objection stands")
    void breakGlassWithoutReason() throws Exception {
        String nhs = "9434765056";
        asOfficer().post("/admin/objections", JSON, json("{'nhsNumber':'" + nhs + "','type':'shared-care-record'}"));
        String message = new String(demoFor(nhs), StandardCharsets.UTF_8)
                .replace(
                        "\"type\": \"message\",",
                        "\"type\": \"message\", \"meta\": {\"security\": [{\"system\": "
                                + "\"http://terminology.hl7.org/CodeSystem/v3-ActReason\", \"code\": \"BTG\"}]},");

        String messageId = send("CH001", message.getBytes(StandardCharsets.UTF_8));

        assertThat(decisionsFor(messageId, "G81001"))
                .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("DENY"));
        assertThat(mailboxMessageIds("G81001")).doesNotContain(messageId);
    }

    @Test
    @DisplayName(
            "risk stratification under s251 leaves out National Data Opt-out patients and sends the others pseudonymised")
    void optOutFiltersSecondaryUse() throws Exception {
        String optedOut = "9434765064";
        String included = "9434765072";
        HttpResponse<String> imported = asOfficer()
                .post(
                        "/admin/objections/national-data-opt-out",
                        "text/plain",
                        (optedOut + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(imported.statusCode()).isEqualTo(200);

        String denied = send("G81001", riskStratification(optedOut));
        String permitted = send("G81001", riskStratification(included));

        assertThat(decisionsFor(denied, "RCP")).hasSize(1).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("DENY");
            assertThat(row.get("reasons")).isEqualTo(List.of("NATIONAL_DATA_OPT_OUT"));
            assertThat(row.get("purpose")).isEqualTo("POPHLTH");
        });
        assertThat(decisionsFor(permitted, "RCP"))
                .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("PERMIT"));
        List<Map<String, Object>> mailbox =
                JsonPath.read(as("RCP").get("/mailbox/messages").body(), "$.messages");
        assertThat(mailbox)
                .extracting(m -> m.get("messageId"))
                .contains(permitted)
                .doesNotContain(denied);
        String deliveryId = (String) mailbox.stream()
                .filter(m -> permitted.equals(m.get("messageId")))
                .findFirst()
                .orElseThrow()
                .get("id");
        String delivered = as("RCP").get("/mailbox/messages/" + deliveryId).body();
        assertThat(delivered).doesNotContain(included).doesNotContain("Hartley").contains("POPHLTH");
    }

    @Test
    @DisplayName(
            "the same message sent twice is one message: the same hub message id, one delivery, one set of decisions")
    void sameMessageTwiceIsOneMessage() throws Exception {
        byte[] message = demoFor("9434765080");

        HttpResponse<String> first = as("CH001").post("/fhir/$process-message", FHIR_JSON, message);
        HttpResponse<String> second = as("CH001").post("/fhir/$process-message", FHIR_JSON, message);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        String messageId = first.headers().firstValue("X-Hub-Message-Id").orElseThrow();
        assertThat(second.headers().firstValue("X-Hub-Message-Id")).contains(messageId);
        // A later message about the same patient is dispatched after any copy of the first (message groups).
        String later = send("CH001", demoFor("9434765080"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> decisionsFor(later, "G81001").size() == 2);

        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where message_id = ?", Integer.class, messageId))
                .isEqualTo(6);
        assertThat(mailboxMessageIds("G81001").stream().filter(messageId::equals))
                .hasSize(1);
    }

    @Test
    @DisplayName(
            "a consent-update message is kept before the answer, forwarded to no one, and decides the next message")
    void consentUpdateMessage() throws Exception {
        String nhs = "9434765099";
        String consentUrl = "urn:uuid:" + java.util.UUID.randomUUID();
        String consent = consent(
                nhs,
                "active",
                "2026-11-02T10:00:00Z",
                "{'type':'permit','provision':[{'type':'deny',"
                        + "'purpose':[{'system':'http://terminology.hl7.org/CodeSystem/v3-ActReason','code':'TREAT'}],"
                        + "'actor':[{'role':{'text':'recipient'},'reference':{'identifier':{"
                        + "'system':'https://fhir.nhs.uk/Id/ods-organization-code','value':'G81001'}}}]}]}");
        byte[] message = json("{'resourceType':'Bundle','type':'message','entry':[{'fullUrl':'urn:uuid:"
                + java.util.UUID.randomUUID() + "','resource':{'resourceType':'MessageHeader','eventCoding':{'system':"
                + "'https://vanguard-hub.org/fhir/CodeSystem/hub-event','code':'consent-update'},'destination':[{'endpoint':"
                + "'urn:ods:G81001','receiver':{'identifier':{'system':'https://fhir.nhs.uk/Id/ods-organization-code','value':'G81001'}}}],"
                + "'sender':{'identifier':{'system':'https://fhir.nhs.uk/Id/ods-organization-code','value':'CH001'}},"
                + "'source':{'endpoint':'https://rosewood.example/fhir'},'focus':[{'reference':'" + consentUrl
                + "'}]}},"
                + "{'fullUrl':'" + consentUrl + "','resource':" + consent + "}]}");
        long queued = messagesEverAddedTo("hub.intake.accepted");

        HttpResponse<String> accepted = as("CH001").post("/fhir/$process-message", FHIR_JSON, message);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from consent_record where nhs_number = ?", Integer.class, nhs))
                .isEqualTo(1);
        assertThat(messagesEverAddedTo("hub.intake.accepted"))
                .as("a consent update is not forwarded")
                .isEqualTo(queued);

        String denied = send("CH001", demoFor(nhs));
        assertThat(decisionsFor(denied, "G81001")).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("reasons")).isEqualTo(List.of("NO_PATIENT_CONSENT"));
            assertThat(String.join(" ", explanation(row))).contains("CH001/consent-" + nhs);
        });
    }

    @Test
    @DisplayName(
            "an objection recorded after dispatch withholds the delivery still waiting in the mailbox, and says so in the audit")
    void objectionAfterDispatchWithholdsWaitingDelivery() throws Exception {
        String nhs = "9434765102";
        String messageId = send("CH001", demoFor(nhs));
        assertThat(decisionsFor(messageId, "G81001"))
                .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("PERMIT"));
        assertThat(mailboxMessageIds("G81001")).contains(messageId);

        asOfficer().post("/admin/objections", JSON, json("{'nhsNumber':'" + nhs + "','type':'shared-care-record'}"));

        assertThat(mailboxMessageIds("G81001")).doesNotContain(messageId);
        assertThat(decisionsFor(messageId, "G81001")).anySatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("DENY");
            assertThat(row.get("reasons")).isEqualTo(List.of("NO_PATIENT_CONSENT"));
            assertThat(explanation(row).get(0)).contains("Re-checked when the recipient came to collect the delivery");
        });
        assertThat(mailboxMessageIds("MDT01"))
                .as("MDT01 has no caseload relationship with this patient")
                .doesNotContain(messageId);
    }

    @Test
    @DisplayName("a Consent with an invalid NHS number is refused at the element, and nothing is kept")
    void badConsentRefused() throws Exception {
        HttpResponse<String> response = as("CH001")
                .post(
                        "/fhir/Consent",
                        FHIR_JSON,
                        json(consent("9434765918", "active", "2026-11-01T10:00:00Z", "{'type':'deny'}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(response.body(), "$.issue[*].expression[*]"))
                .contains("Consent.patient.identifier.value");
        assertThat(jdbc.queryForObject(
                        "select count(*) from consent_record where nhs_number = '9434765918'", Integer.class))
                .isZero();
    }

    @Test
    @DisplayName("what-if explains a decision without sending or auditing anything")
    void whatIf() throws Exception {
        int audited = auditRows();
        HttpResponse<String> response = asOfficer()
                .post(
                        "/admin/decisions/what-if",
                        JSON,
                        json(
                                "{'sender':'CH001','recipient':'RAC','purpose':'TREAT','nhsNumber':'9434765919','resourceType':'CarePlan'}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.outcome")).isEqualTo("DENY");
        assertThat(JsonPath.<List<String>>read(response.body(), "$.reasons[*].code"))
                .contains("NO_AGREEMENT");
        assertThat(JsonPath.<List<String>>read(response.body(), "$.explanation"))
                .isNotEmpty();
        assertThat(auditRows()).isEqualTo(audited);

        HttpResponse<String> badPurpose = asOfficer()
                .post(
                        "/admin/decisions/what-if",
                        JSON,
                        json(
                                "{'sender':'CH001','recipient':'RAC','purpose':'GOSSIP','nhsNumber':'9434765919','resourceType':'CarePlan'}"));
        assertThat(badPurpose.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(badPurpose.body(), "$.issue[*].expression[*]"))
                .contains("purpose");
    }

    @Test
    @DisplayName("a National Data Opt-out list with a bad NHS number is refused whole, naming the line")
    void optOutImportRefusedWhole() throws Exception {
        HttpResponse<String> response = asOfficer()
                .post(
                        "/admin/objections/national-data-opt-out",
                        "text/plain",
                        "9434765021\n9434765020\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(response.body(), "$.issue[*].expression[*]"))
                .containsExactly("line 2");
        assertThat(jdbc.queryForObject(
                        "select count(*) from patient_objection where nhs_number = '9434765021'", Integer.class))
                .isZero();
    }

    String send(String ods, byte[] message) throws Exception {
        HttpResponse<String> sent = as(ods).post("/fhir/$process-message", FHIR_JSON, message);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String messageId = JsonPath.read(sent.body(), "$.identifier.value");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from audit_decision where message_id = ?", Integer.class, messageId)
                        > 0);
        awaitDispatched();
        return messageId;
    }

    List<Map<String, Object>> decisionsFor(String messageId, String recipient) throws Exception {
        return JsonPath.read(
                asOfficer()
                        .get("/admin/audit?messageId=" + messageId + "&recipient=" + recipient)
                        .body(),
                "$");
    }

    List<String> mailboxMessageIds(String ods) throws Exception {
        return JsonPath.read(as(ods).get("/mailbox/messages").body(), "$.messages[*].messageId");
    }

    @SuppressWarnings("unchecked")
    static List<String> explanation(Map<String, Object> row) {
        return (List<String>) row.get("explanation");
    }

    /** The demo message about another patient, as a new message: FHIR messaging gives each message its own id. */
    public static byte[] demoFor(String nhs) throws Exception {
        return new String(demoMessage(), StandardCharsets.UTF_8)
                .replace("9434765919", nhs)
                .replace(
                        "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01",
                        java.util.UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The demo message for {@code nhs} as break-glass (BTG) with a coded reason and who invoked it. */
    public static byte[] breakGlassFor(String nhs) throws Exception {
        return new String(demoFor(nhs), StandardCharsets.UTF_8)
                .replace(
                        "\"type\": \"message\",",
                        "\"type\": \"message\", \"meta\": {\"security\": [{\"system\": "
                                + "\"http://terminology.hl7.org/CodeSystem/v3-ActReason\", \"code\": \"BTG\"}]},")
                .replace(
                        "\"sender\": {",
                        "\"reason\": {\"coding\": [{\"system\": \"https://vanguard-hub.org/fhir/CodeSystem/"
                                + "override-reason\", \"code\": \"unconscious\"}], \"text\": \"Found unresponsive; GP needs the plan now\"},"
                                + " \"author\": {\"display\": \"Nurse Jo Bloggs\"}, \"sender\": {")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] riskStratification(String nhs) {
        return json("{'resourceType':'Bundle','type':'message','meta':{'security':[{'system':"
                + "'http://terminology.hl7.org/CodeSystem/v3-ActReason','code':'POPHLTH'}]},'entry':["
                + "{'fullUrl':'urn:uuid:" + java.util.UUID.randomUUID()
                + "','resource':{'resourceType':'MessageHeader',"
                + "'eventCoding':{'system':'https://vanguard-hub.org/fhir/CodeSystem/hub-event','code':'patient-update'},"
                + "'destination':[{'endpoint':'urn:ods:RCP','receiver':{'identifier':{'system':"
                + "'https://fhir.nhs.uk/Id/ods-organization-code','value':'RCP'}}}],"
                + "'sender':{'identifier':{'system':'https://fhir.nhs.uk/Id/ods-organization-code','value':'G81001'}},"
                + "'source':{'endpoint':'https://elmtree.example/fhir'}}},"
                + "{'fullUrl':'urn:uuid:4d2e3f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a','resource':{'resourceType':'Patient',"
                + "'identifier':[{'system':'https://fhir.nhs.uk/Id/nhs-number','value':'" + nhs + "'}],"
                + "'name':[{'family':'Hartley'}],'gender':'female','birthDate':'1936-04-12'}}]}");
    }

    public static String consent(String nhs, String status, String dateTime, String provision) {
        return "{'resourceType':'Consent','id':'consent-" + nhs + "','status':'" + status + "',"
                + "'scope':{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/consentscope','code':'patient-privacy'}]},"
                + "'category':[{'coding':[{'system':'http://loinc.org','code':'59284-0'}]}],"
                + "'patient':{'identifier':{'system':'https://fhir.nhs.uk/Id/nhs-number','value':'" + nhs + "'}},"
                + "'dateTime':'" + dateTime + "',"
                + "'policyRule':{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/v3-ActCode','code':'OPTIN'}]},"
                + "'provision':" + provision + "}";
    }

    public static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static {
        FhirParsing.context();
    }
}
