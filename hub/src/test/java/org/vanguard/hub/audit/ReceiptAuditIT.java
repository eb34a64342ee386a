package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Receipt by the recipient: the GP reading and acknowledging a delivery on the REST mailbox is audited in the hash
 * chain once per delivery and way, exported as BALP PrivacyDisclosure.Recipient events, and shown in the disclosure
 * report; the receipts are hashed like every other record.
 */
// The patient's disclosure report and the audit chain (counted, edited and restored) are the whole hub's: a hub of its
// own.
@TestPropertySource(properties = HubIntegrationTest.OWN_HUB + "=ReceiptAuditIT")
@DirtiesContext
class ReceiptAuditIT extends HubIntegrationTest {

    private static final String PATIENT = "9434765919";
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";

    @Test
    @DisplayName(
            "a read and an acknowledgement are each audited once, exported as PrivacyDisclosure.Recipient and shown as received")
    void readAndAcknowledgementAreReceipts() throws Exception {
        String sent = as("CH001")
                .post("/fhir/$process-message", FHIR_JSON, newDemoMessage())
                .body();
        String messageId = JsonPath.read(sent, "$.identifier.value");
        awaitDispatched();
        assertThat(receiptsFor(messageId))
                .as("listing the mailbox is no receipt")
                .isEmpty();

        HubClient gp = as("G81001");
        String deliveryId = (String) waitingFrom(gp, messageId).get(0).get("id");
        assertThat(gp.get("/mailbox/messages/" + deliveryId).statusCode()).isEqualTo(200);
        assertThat(gp.get("/mailbox/messages/" + deliveryId).statusCode())
                .as("read again")
                .isEqualTo(200);
        assertThat(as("RAC").get("/mailbox/messages/" + deliveryId).statusCode())
                .isEqualTo(404);
        assertThat(gp.post("/mailbox/messages/" + deliveryId + "/ack", null, new byte[0])
                        .statusCode())
                .isEqualTo(204);
        assertThat(gp.post("/mailbox/messages/" + deliveryId + "/ack", null, new byte[0])
                        .statusCode())
                .isEqualTo(404);

        // Exactly one read and one ack receipt, with everything the delivery carried.
        List<Map<String, Object>> receipts = receiptsFor(messageId);
        assertThat(receipts).extracting(r -> r.get("action_name")).containsExactly("mailbox-read", "mailbox-ack");
        assertThat(receipts).allSatisfy(r -> {
            assertThat(r.get("delivery_id")).isEqualTo(deliveryId);
            assertThat(r.get("sender_ods")).isEqualTo("CH001");
            assertThat(r.get("recipient_ods")).isEqualTo("G81001");
            assertThat(r.get("actor")).isEqualTo("G81001");
            assertThat(r.get("nhs_number")).isEqualTo(PATIENT);
            assertThat(r.get("purpose")).isEqualTo("TREAT");
            assertThat(List.of(((String) r.get("resource_type")).split(",")))
                    .containsExactlyInAnyOrder("Patient", "CarePlan");
            assertThat(r.get("agreement_ref")).isEqualTo("ISA-CH001-G81001-DC v1 flows[0]");
            assertThat((String) r.get("decision_key")).hasSize(64);
        });

        // Search by kind.
        List<Map<String, Object>> found = JsonPath.read(
                asOfficer()
                        .get("/admin/audit?kind=RECEIPT&messageId=" + messageId)
                        .body(),
                "$");
        assertThat(found).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("kind")).isEqualTo("RECEIPT");
            assertThat(r.get("deliveryId")).isEqualTo(deliveryId);
        });

        // Export: one PrivacyDisclosure.Recipient event per receipt, with BALP's codes.
        HttpResponse<String> exported = asOfficer().get("/admin/audit/export?kind=RECEIPT&messageId=" + messageId);
        assertThat(exported.statusCode()).isEqualTo(200);
        List<AuditEvent> events = FhirParsing.fromTrustedJson(Bundle.class, exported.body()).getEntry().stream()
                .map(e -> (AuditEvent) e.getResource())
                .toList();
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.getMeta().getProfile().get(0).getValue())
                    .isEqualTo(
                            "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PrivacyDisclosure.Recipient");
            assertThat(e.getType().getSystem()).isEqualTo(DCM);
            assertThat(e.getType().getCode()).isEqualTo("110107");
            assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
            assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
            assertThat(e.getSubtype()).extracting(Coding::getSystem).containsOnly(LIFECYCLE);
            assertThat(e.getSubtype()).extracting(Coding::getCode).containsExactly("disclose", "receive");
            assertThat(e.getPurposeOfEventFirstRep().getCodingFirstRep().getCode())
                    .isEqualTo("TREAT");
            assertThat(e.getAgent()).anySatisfy(agent -> {
                assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("110153");
                assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("CH001");
            });
            assertThat(e.getAgent()).anySatisfy(agent -> {
                assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("110152");
                assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("G81001");
            });
            assertThat(e.getEntity()).anySatisfy(entity -> {
                assertThat(entity.getType().getCode()).isEqualTo("1");
                assertThat(entity.getRole().getCode()).isEqualTo("1");
                assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo(PATIENT);
            });
            assertThat(e.getEntity())
                    .extracting(entity -> entity.getType().getCode())
                    .contains("Patient", "CarePlan", "Contract");
            assertThat(e.getOutcomeDesc()).contains(deliveryId);
        });

        // Disclosure report: the GP received it (read, then acknowledged); the MDT has not collected yet.
        List<Map<String, Object>> report = JsonPath.read(
                asOfficer().get("/admin/patients/" + PATIENT + "/disclosures").body(), "$");
        Map<String, Object> toGp = report.stream()
                .filter(d -> "G81001".equals(d.get("recipient")))
                .findFirst()
                .orElseThrow();
        assertThat(toGp.get("receivedAt")).isNotNull();
        assertThat((String) toGp.get("status")).contains("received").contains("mailbox-read, mailbox-ack");
        assertThat(JsonPath.<List<String>>read(toGp, "$.receipts[*].how"))
                .containsExactly("mailbox-read", "mailbox-ack");
        assertThat(JsonPath.<List<String>>read(toGp, "$.receipts[*].deliveryId"))
                .containsOnly(deliveryId);
        Map<String, Object> toMdt = report.stream()
                .filter(d -> "MDT01".equals(d.get("recipient")))
                .findFirst()
                .orElseThrow();
        assertThat(toMdt.get("receivedAt")).isNull();
        assertThat(toMdt.get("status")).isEqualTo("released to the recipient's mailbox");

        // The receipts are links of the chain: intact with them, and editing one is named.
        assertThat(verify()).containsEntry("intact", true).containsEntry("records", 8);
        Map<String, Object> read = receipts.get(0);
        jdbc.update(
                "update audit_decision set delivery_id = ? where id = ?",
                "00000000-0000-0000-0000-000000000000",
                read.get("id"));
        Map<String, Object> broken = verify();
        assertThat(broken).containsEntry("intact", false);
        assertThat(JsonPath.<List<Object>>read(broken, "$.breaks[*].rowId").toString())
                .contains(read.get("id").toString());
        jdbc.update("update audit_decision set delivery_id = ? where id = ?", deliveryId, read.get("id"));
        assertThat(verify()).containsEntry("intact", true);
    }

    private List<Map<String, Object>> receiptsFor(String messageId) {
        return jdbc.queryForList(
                "select * from audit_decision where message_id = ? and event_kind = 'RECEIPT' order by seq", messageId);
    }

    private Map<String, Object> verify() throws Exception {
        return JsonPath.read(asOfficer().get("/admin/audit/verify").body(), "$");
    }
}
