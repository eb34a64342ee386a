package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.fhir.FhirParsing;

/** Audit search, the BALP export, the disclosure report and admin changes in the audit chain. */
// The disclosure report is the demo patient's whole history: a hub of its own, so it holds this test's messages only.
@TestPropertySource(properties = HubIntegrationTest.OWN_HUB + "=AuditExportIT")
@DirtiesContext
class AuditExportIT extends HubIntegrationTest {

    private static final String PATIENT = "9434765919";
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

    @Test
    @DisplayName(
            "decisions export as BALP AuditEvents, the disclosure report names who received what, and admin changes are chained")
    void exportDisclosuresAndAdminChanges() throws Exception {
        String sent = as("CH001")
                .post("/fhir/$process-message", FHIR_JSON, newDemoMessage())
                .body();
        String messageId = JsonPath.read(sent, "$.identifier.value");
        awaitDispatched();

        // Export: one AuthZconsent event per decision, and a PrivacyDisclosure.Source event per permit.
        HttpResponse<String> exported = asOfficer().get("/admin/audit/export?messageId=" + messageId);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("fhir+json"));
        Bundle bundle = FhirParsing.fromTrustedJson(Bundle.class, exported.body());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        List<AuditEvent> events = bundle.getEntry().stream()
                .map(e -> (AuditEvent) e.getResource())
                .toList();
        List<AuditEvent> decisions = events.stream()
                .filter(e -> "110113".equals(e.getType().getCode()))
                .toList();
        List<AuditEvent> disclosures = events.stream()
                .filter(e -> "110106".equals(e.getType().getCode()))
                .toList();
        int permits = jdbc.queryForObject(
                "select count(*) from audit_decision where message_id = ? and outcome = 'PERMIT'",
                Integer.class,
                messageId);
        assertThat(permits).isPositive().isLessThan(6);
        assertThat(decisions).hasSize(6).allSatisfy(e -> {
            assertThat(e.getType().getSystem()).isEqualTo(DCM);
            assertThat(e.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.AuthZconsent");
            assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("AuthZ-Consent");
            assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
            assertThat(e.getPurposeOfEventFirstRep().getCodingFirstRep().getCode())
                    .isEqualTo("TREAT");
            assertThat(e.getEntity()).anySatisfy(entity -> {
                assertThat(entity.getRole().getCode()).isEqualTo("1");
                assertThat(entity.getWhat().getIdentifier().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
                assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo(PATIENT);
            });
            assertThat(e.getEntity())
                    .anySatisfy(entity -> assertThat(entity.getType().getCode()).isEqualTo("Consent"));
            assertThat(e.getAgent()).anySatisfy(agent -> {
                assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("IRCP");
                assertThat(agent.getRequestor()).isTrue();
            });
        });
        assertThat(decisions)
                .filteredOn(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._0)
                .hasSize(permits);
        assertThat(decisions)
                .filteredOn(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._8)
                .hasSize(6 - permits);
        assertThat(disclosures).hasSize(permits).allSatisfy(e -> {
            assertThat(e.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PrivacyDisclosure.Source");
            assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("disclose");
            assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
            assertThat(e.getAgent())
                    .extracting(a -> a.getType().getCodingFirstRep().getCode())
                    .contains("110153", "110152");
            assertThat(e.getEntity())
                    .anySatisfy(entity -> assertThat(entity.getType().getCode()).isEqualTo("Contract"));
        });

        // Disclosure report: the GP and the MDT received the care plan, the acute trust nothing.
        HttpResponse<String> report = asOfficer().get("/admin/patients/" + PATIENT + "/disclosures");
        assertThat(report.statusCode()).isEqualTo(200);
        List<Map<String, Object>> received = JsonPath.read(report.body(), "$");
        assertThat(received).extracting(d -> d.get("recipient")).containsExactlyInAnyOrder("G81001", "MDT01");
        assertThat(received).allSatisfy(d -> {
            assertThat(d.get("messageId")).isEqualTo(messageId);
            assertThat(d.get("sender")).isEqualTo("CH001");
            assertThat(d.get("purpose")).isEqualTo("TREAT");
            assertThat((List<?>) d.get("agreements")).isNotEmpty();
            assertThat((String) d.get("status")).contains("released");
        });
        assertThat(received)
                .filteredOn(d -> "G81001".equals(d.get("recipient")))
                .singleElement()
                .satisfies(d ->
                        assertThat(d.get("agreements").toString()).isEqualTo("[\"ISA-CH001-G81001-DC v1 flows[0]\"]"));
        assertThat(asOfficer().get("/admin/patients/123/disclosures").body())
                .contains("OperationOutcome")
                .contains("nhsNumber");

        // Search filters, and their mistakes as 400s naming the parameter.
        assertThat(JsonPath.<List<Object>>read(
                        asOfficer()
                                .get("/admin/audit?participant=RAC&purpose=TREAT&nhsNumber=" + PATIENT
                                        + "&from=2020-01-01")
                                .body(),
                        "$"))
                .hasSize(2);
        assertThat(JsonPath.<List<Object>>read(
                        asOfficer()
                                .get("/admin/audit?agreement=ISA-CH001-G81001-DC")
                                .body(),
                        "$"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.toString()).contains("ISA-CH001-G81001-DC v1"));
        assertThat(JsonPath.<List<Object>>read(
                        asOfficer().get("/admin/audit?to=2020-01-01").body(), "$"))
                .isEmpty();
        for (String bad :
                List.of("from=yesterday", "purpose=SHOPPING", "participant=not%20ods!", "kind=GOSSIP", "limit=0")) {
            HttpResponse<String> refused = asOfficer().get("/admin/audit?" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body())
                    .as(bad)
                    .contains("OperationOutcome")
                    .contains(bad.substring(0, bad.indexOf('=')));
        }

        // Admin changes: recorded in the chain with who and what, searchable and exported.
        String objection = "{\"nhsNumber\":\"" + PATIENT + "\",\"type\":\"type-1\"}";
        HttpResponse<String> recorded =
                asOfficer().post("/admin/objections", "application/json", objection.getBytes(StandardCharsets.UTF_8));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(asOfficer()
                        .post("/admin/signing-keys/rotate", null, new byte[0])
                        .statusCode())
                .isEqualTo(200);
        assertThat(asOfficer()
                        .post(
                                "/admin/reviews/999999/close",
                                "application/json",
                                "{\"outcome\":\"justified\",\"note\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .as("a refused change is not audited")
                .isEqualTo(404);
        assertThat(asOfficer()
                        .delete("/admin/objections/" + PATIENT + "/type-1")
                        .statusCode())
                .isEqualTo(204);

        List<Map<String, Object>> changes =
                JsonPath.read(asOfficer().get("/admin/audit?kind=ADMIN").body(), "$");
        assertThat(changes)
                .extracting(c -> c.get("action"))
                .containsExactly("objection.remove", "signing-key.rotate", "objection.record");
        assertThat(changes).allSatisfy(c -> assertThat((String) c.get("actor")).isNotBlank());
        assertThat(changes.get(2)).containsEntry("nhsNumber", PATIENT);
        assertThat(JsonPath.<List<Object>>read(
                        asOfficer()
                                .get("/admin/audit?nhsNumber=" + PATIENT + "&kind=ADMIN")
                                .body(),
                        "$"))
                .hasSize(2);
        Bundle adminBundle = FhirParsing.fromTrustedJson(
                Bundle.class, asOfficer().get("/admin/audit/$export?kind=ADMIN").body());
        List<AuditEvent> adminEvents = adminBundle.getEntry().stream()
                .map(e -> (AuditEvent) e.getResource())
                .toList();
        assertThat(adminEvents).hasSize(3).allSatisfy(event -> {
            assertThat(event.getType().getCode()).isEqualTo("rest");
            assertThat(event.getAgentFirstRep().getRequestor()).isTrue();
        });
        assertThat(adminEvents)
                .as("each admin action with its own BALP action code, newest first")
                .extracting(AuditEvent::getAction)
                .containsExactly(
                        AuditEvent.AuditEventAction.D, AuditEvent.AuditEventAction.C, AuditEvent.AuditEventAction.C);
        assertThat(adminEvents)
                .extracting(event -> event.getSubtypeFirstRep().getCode())
                .containsExactly("delete", "create", "create");
        Map<String, Object> verdict =
                JsonPath.read(asOfficer().get("/admin/audit/verify").body(), "$");
        assertThat(verdict).containsEntry("intact", true).containsEntry("records", 9);
    }
}
