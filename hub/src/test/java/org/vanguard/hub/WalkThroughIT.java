package org.vanguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fhir.FhirParsing;

/** The README walk-through, step by step, over real HTTPS with the demo certificates. */
class WalkThroughIT extends HubIntegrationTest {

    @Test
    @DisplayName(
            "a care plan sent by the care home reaches its GP practice and the MDT, the acute trust gets nothing, and the audit says why")
    void walkThrough() throws Exception {
        String ownId = UUID.randomUUID().toString();
        HttpResponse<String> sent = as("CH001").post("/fhir/$process-message", FHIR_JSON, demoMessageWithId(ownId));

        assertThat(sent.statusCode()).isEqualTo(200);
        Bundle response = FhirParsing.fromTrustedJson(Bundle.class, sent.body());
        MessageHeader header = (MessageHeader) response.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
        assertThat(header.getResponse().getIdentifier()).isEqualTo(ownId);
        String messageId = response.getIdentifier().getValue();
        assertThat(sent.headers().firstValue("X-Hub-Message-Id")).contains(messageId);

        // Three candidate recipients (GP from the Patient, RAC and MDT01 as destinations) x two resource types.
        await().atMost(Duration.ofSeconds(30)).until(() -> auditRowsFor(messageId) == 6);
        awaitDispatched();

        HubClient gp = as("G81001");
        List<Map<String, Object>> waiting = waitingFrom(gp, messageId);
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).get("sender")).isEqualTo("CH001");
        assertThat(waiting.get(0).get("agreements")).isEqualTo("ISA-CH001-G81001-DC v1 flows[0]");
        String deliveryId = (String) waiting.get(0).get("id");

        HttpResponse<String> delivery = gp.get("/mailbox/messages/" + deliveryId);
        assertThat(delivery.statusCode()).isEqualTo(200);
        Bundle delivered = FhirParsing.fromTrustedJson(Bundle.class, delivery.body());
        assertThat(delivered.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .containsExactly("MessageHeader", "Patient", "CarePlan");
        MessageHeader deliveredHeader =
                (MessageHeader) delivered.getEntryFirstRep().getResource();
        assertThat(deliveredHeader.getDestination())
                .singleElement()
                .satisfies(d ->
                        assertThat(d.getReceiver().getIdentifier().getValue()).isEqualTo("G81001"));

        assertThat(as("RAC").get("/mailbox/messages/" + deliveryId).statusCode())
                .as("another participant cannot read G81001's delivery")
                .isEqualTo(404);

        assertThat(gp.post("/mailbox/messages/" + deliveryId + "/ack", null, new byte[0])
                        .statusCode())
                .isEqualTo(204);
        assertThat(waitingFrom(gp, messageId)).isEmpty();
        assertThat(gp.post("/mailbox/messages/" + deliveryId + "/ack", null, new byte[0])
                        .statusCode())
                .isEqualTo(404);

        assertThat(waitingFrom(as("MDT01"), messageId)).hasSize(1);
        assertThat(waitingFrom(as("RAC"), messageId)).isEmpty();

        HttpResponse<String> audit = asOfficer().get("/admin/audit?messageId=" + messageId + "&recipient=RAC");
        assertThat(audit.statusCode()).isEqualTo(200);
        List<Map<String, Object>> racDecisions = JsonPath.read(audit.body(), "$");
        assertThat(racDecisions).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("DENY");
            assertThat(row.get("reasons")).isEqualTo(List.of("NO_AGREEMENT", "NO_RELATIONSHIP"));
            assertThat(row.get("purpose")).isEqualTo("TREAT");
            assertThat(row.get("nhsNumber")).isEqualTo("9434765919");
            assertThat((String) row.get("rule")).contains("NoActiveAgreementDenies");
            assertThat(row.get("agreement")).isNull();
        });
        assertThat(racDecisions)
                .extracting(row -> row.get("resourceType"))
                .containsExactlyInAnyOrder("Patient", "CarePlan");

        Map<String, Object> gpPermit = jdbc.queryForMap(
                "select outcome, agreement_ref, reason_codes, explanation from audit_decision"
                        + " where message_id = ? and recipient_ods = 'G81001' and resource_type = 'CarePlan'",
                messageId);
        assertThat(gpPermit.get("outcome")).isEqualTo("PERMIT");
        assertThat(gpPermit.get("agreement_ref")).isEqualTo("ISA-CH001-G81001-DC v1 flows[0]");
        assertThat(gpPermit.get("reason_codes")).isEqualTo("");
        assertThat((String) gpPermit.get("explanation")).contains("implied-consent");
    }

    @Test
    @DisplayName("the admin API answers only IG officers, not participants")
    void adminApiIsForOfficers() throws Exception {
        HttpResponse<String> asParticipant = as("CH001").get("/admin/audit");
        assertThat(asParticipant.statusCode()).isEqualTo(403);
        assertThat(asParticipant.body()).contains("OperationOutcome").contains("IG officers");
        assertThat(asOfficer().get("/admin/audit").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("an IG officer's certificate cannot post messages as a participant")
    void officerCannotSend() throws Exception {
        HttpResponse<String> response = asOfficer().post("/fhir/$process-message", FHIR_JSON, demoMessage());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("names no participant organisation");
    }

    private int auditRowsFor(String messageId) {
        return jdbc.queryForObject(
                "select count(*) from audit_decision where message_id = ?", Integer.class, messageId);
    }
}
