package org.vanguard.hub.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/**
 * Risk stratification as the demo agreement has it (G81001 -> RCP, POPHLTH, pseudonymised), through the real mutual-TLS
 * intake: the processor's mailbox copy and its query answer carry no NHS number and no name anywhere, but the keyed
 * pseudonym, the birth year and the postcode district; the controller re-identifies its own patient through an
 * audited endpoint and the processor cannot; rotating the agreement's key changes the pseudonym.
 */
class PseudonymisationIT extends HubIntegrationTest {

    private static final String NHS = "9434765870";
    private static final String SPACED = "943 476 5870";
    private static final String AGREEMENT = "ISA-G81001-RCP-RS";

    @Test
    @DisplayName(
            "the processor gets a pseudonym, birth year and postcode district and never the NHS number or a name; only the controller re-identifies")
    void riskStratificationIsPseudonymised() throws Exception {
        HubClient gp = as("G81001");
        HubClient processor = as("RCP");
        String sent = send(gp, message());

        String delivered = onlyDelivery(processor, sent);
        assertNoPersonalData(delivered);
        List<String> pseudonyms = JsonPath.read(
                delivered,
                "$.entry[*].resource.subject.identifier[?(@.system == 'https://vanguard-hub.org/fhir/Id/pseudonym')].value");
        assertThat(pseudonyms).singleElement().asString().matches("k1-[0-9a-f]{40}");
        String pseudonym = pseudonyms.get(0);
        List<Map<String, Object>> patients =
                JsonPath.read(delivered, "$.entry[?(@.resource.resourceType == 'Patient')].resource");
        Map<String, Object> patient = patients.get(0);
        assertThat(patient.get("id")).isEqualTo(pseudonym);
        assertThat(patient.get("birthDate")).isEqualTo("1936");
        assertThat(JsonPath.<List<String>>read(patient, "$.address[*].postalCode"))
                .containsExactly("LS1");
        assertThat(JsonPath.<List<String>>read(patient, "$.identifier[*].value"))
                .containsExactly(pseudonym);
        assertThat(JsonPath.<List<String>>read(delivered, "$.entry[*].resource.subject.reference"))
                .allSatisfy(reference -> assertThat(reference).doesNotContain("4d2e3f5a"));

        HttpResponse<String> query = processor.get(
                "/fhir/CarePlan?patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + NHS,
                "X-Purpose-Of-Use",
                "POPHLTH");
        assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(query.body(), "$.entry.length()")).isEqualTo(1);
        assertNoPersonalData(JsonPath.read(query.body(), "$.entry").toString());
        assertThat(query.body()).contains(pseudonym);

        HttpResponse<String> refused =
                processor.post("/pseudonyms/$re-identify", "application/json", reidentify(pseudonym));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body())
                .contains("RCP is not a controller of " + AGREEMENT)
                .doesNotContain(NHS);
        HttpResponse<String> found = gp.post("/pseudonyms/$re-identify", "application/json", reidentify(pseudonym));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(found.body(), "$.nhsNumber")).isEqualTo(NHS);
        List<Map<String, Object>> audited = JsonPath.read(
                asOfficer()
                        .get("/admin/audit?agreement=" + AGREEMENT + "&kind=ADMIN")
                        .body(),
                "$");
        assertThat(audited)
                .extracting(row -> row.get("action"))
                .contains("pseudonym.re-identify", "pseudonym.re-identify.refused");

        HttpResponse<String> rotated = asOfficer()
                .post("/admin/agreements/" + AGREEMENT + "/pseudonym-keys/rotate", "application/json", new byte[0]);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(rotated.body(), "$.pseudonymKey")).isEqualTo("k2");
        String resent = send(gp, message());
        String afterRotation = onlyDelivery(processor, resent);
        List<String> fresh = JsonPath.read(
                afterRotation,
                "$.entry[*].resource.subject.identifier[?(@.system == 'https://vanguard-hub.org/fhir/Id/pseudonym')].value");
        assertThat(fresh).singleElement().asString().startsWith("k2-").isNotEqualTo(pseudonym);
        HttpResponse<String> old = gp.post("/pseudonyms/$re-identify", "application/json", reidentify(pseudonym));
        assertThat(JsonPath.<String>read(old.body(), "$.nhsNumber"))
                .as("a retired key still re-identifies")
                .isEqualTo(NHS);
    }

    /** Sends the message and waits for its dispatch; returns the hub's message id. */
    private String send(HubClient client, byte[] message) throws Exception {
        HttpResponse<String> answer = client.post("/fhir/$process-message", FHIR_JSON, message);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        awaitDispatched();
        return answer.headers().firstValue("X-Hub-Message-Id").orElseThrow();
    }

    /** The processor's one copy of the hub message (whatever other tests on the shared hub left in its mailbox). */
    private static String onlyDelivery(HubClient processor, String hubMessageId) throws Exception {
        List<Map<String, Object>> waiting = waitingFrom(processor, hubMessageId);
        assertThat(waiting).hasSize(1);
        HttpResponse<String> delivery =
                processor.get("/mailbox/messages/" + waiting.get(0).get("id"));
        assertThat(delivery.statusCode()).isEqualTo(200);
        return delivery.body();
    }

    private static void assertNoPersonalData(String body) {
        assertThat(body)
                .doesNotContain(NHS)
                .doesNotContain(SPACED)
                .doesNotContain("Hartley")
                .doesNotContain("Edith")
                .doesNotContain("Rosewood Lane");
    }

    private static byte[] reidentify(String pseudonym) {
        return ("{\"agreement\":\"" + AGREEMENT + "\",\"pseudonym\":\"" + pseudonym + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] message() {
        String json = ("{'resourceType':'Bundle','type':'message','meta':{'security':[{'system':"
                        + "'http://terminology.hl7.org/CodeSystem/v3-ActReason','code':'POPHLTH'}]},'entry':["
                        + "{'fullUrl':'urn:uuid:" + UUID.randomUUID() + "','resource':{'resourceType':'MessageHeader',"
                        + "'eventCoding':{'system':'https://vanguard-hub.org/fhir/CodeSystem/hub-event','code':'careplan-update'},"
                        + "'destination':[{'endpoint':'urn:ods:RCP','receiver':{'identifier':{'system':"
                        + "'https://fhir.nhs.uk/Id/ods-organization-code','value':'RCP'}}}],"
                        + "'sender':{'identifier':{'system':'https://fhir.nhs.uk/Id/ods-organization-code','value':'G81001'}},"
                        + "'source':{'endpoint':'https://elmtree.example/fhir'}}},"
                        + "{'fullUrl':'urn:uuid:4d2e3f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a','resource':{'resourceType':'Patient',"
                        + "'id':'4d2e3f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',"
                        + "'identifier':[{'system':'https://fhir.nhs.uk/Id/nhs-number','value':'" + NHS + "'}],"
                        + "'name':[{'family':'Hartley','given':['Edith']}],'gender':'female','birthDate':'1936-04-12',"
                        + "'address':[{'line':['3 Rosewood Lane'],'city':'Leeds','postalCode':'LS1 4AB'}],"
                        + "'generalPractitioner':[{'identifier':{'system':'https://fhir.nhs.uk/Id/ods-organization-code','value':'G81001'}}]}},"
                        + "{'fullUrl':'urn:uuid:5e3f4a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b','resource':{'resourceType':'CarePlan',"
                        + "'id':'5e3f4a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b','status':'active','intent':'plan',"
                        + "'title':'Frailty review for Edith Hartley','description':'Discussed with Edith; NHS "
                        + SPACED + "',"
                        + "'subject':{'reference':'urn:uuid:4d2e3f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a','identifier':{'system':"
                        + "'https://fhir.nhs.uk/Id/nhs-number','value':'" + NHS + "'},'display':'Edith Hartley'},"
                        + "'period':{'start':'2026-11-23'}}}]}")
                .replace('\'', '"');
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
