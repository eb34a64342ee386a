package org.vanguard.hub.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.intake.IntakeGateway;
import org.vanguard.routes.record.RecordKey;

/**
 * The shared record store over real HTTPS, broker and database: what is kept, what is refused as stale,
 * what a query returns for a purpose, and the recipients care teams and subscriptions add.
 */
class SharedRecordIT extends HubIntegrationTest {

    private static final String NHS = "9434765919";
    private static final String PATIENT_QUERY = "/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + NHS;
    private static final String CAREPLAN_QUERY =
            "/fhir/CarePlan?patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C" + NHS;

    @Autowired
    JdbcRecordStore store;

    @Autowired
    ProducerTemplate producer;

    @Test
    @DisplayName("the store keeps the latest version of each record per source, and every version in its history")
    void keepsLatestAndHistory() throws Exception {
        send("CH001", message("keep-1", "plan-keep", "1", "2026-11-23T09:00:00Z", "first"));
        send("CH001", message("keep-2", "plan-keep", "2", "2026-11-23T10:00:00Z", "second"));
        awaitDispatched();

        RecordKey key = new RecordKey(OdsCode.of("CH001"), "CarePlan", "plan-keep");
        assertThat(store.held(key)).hasValueSatisfying(held -> {
            assertThat(held.version().versionId()).contains("2");
            assertThat(held.resourceJson()).contains("second");
            assertThat(held.patient().value()).isEqualTo(NHS);
        });
        assertThat(store.history(key))
                .extracting(r -> r.version().versionId().orElseThrow())
                .containsExactly("1", "2");

        send("CH001", message("keep-2", "plan-keep", "2", "2026-11-23T10:00:00Z", "second"));
        awaitDispatched();
        assertThat(store.history(key))
                .as("the same message again keeps nothing new")
                .hasSize(2);
    }

    @Test
    @DisplayName("an older version is refused with 409 naming its meta element, and nothing is queued or dispatched")
    void staleRefusedAtIntake() throws Exception {
        send("CH001", message("stale-1", "plan-stale", "5", "2026-11-23T10:00:00Z", "current"));
        awaitDispatched();
        long queued = messagesEverAddedTo("hub.intake.accepted");
        int audited = auditRows();

        HttpResponse<String> older = as("CH001")
                .post(
                        "/fhir/$process-message",
                        FHIR_JSON,
                        message("stale-2", "plan-stale", "4", "2026-11-23T09:00:00Z", "older"));
        assertThat(older.statusCode()).isEqualTo(409);
        OperationOutcome outcome = FhirParsing.fromTrustedJson(OperationOutcome.class, older.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.CONFLICT);
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Bundle.entry[2].resource.meta.lastUpdated");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("older version");

        HttpResponse<String> sameVersionOtherContent = as("CH001")
                .post(
                        "/fhir/$process-message",
                        FHIR_JSON,
                        message("stale-3", "plan-stale", "5", "2026-11-23T10:00:00Z", "changed without a new version"));
        assertThat(sameVersionOtherContent.statusCode()).isEqualTo(409);
        assertThat(sameVersionOtherContent.body())
                .contains("same version as the one the hub already holds, but with different content");

        assertThat(messagesEverAddedTo("hub.intake.accepted")).isEqualTo(queued);
        assertThat(auditRows()).isEqualTo(audited);
        assertThat(store.held(new RecordKey(OdsCode.of("CH001"), "CarePlan", "plan-stale")))
                .hasValueSatisfying(held -> assertThat(held.resourceJson()).contains("current"));
    }

    @Test
    @DisplayName("a stale version that slipped past intake is not forwarded by dispatch, and the audit says why")
    void staleRefusedAtDispatch() throws Exception {
        send("CH001", message("race-1", "plan-race", "8", "2026-11-23T10:00:00Z", "current"));
        awaitDispatched();

        Map<String, Object> headers = new HashMap<>();
        headers.put(HubHeaders.MESSAGE_ID, "race-late");
        headers.put(HubHeaders.SENDER, "CH001");
        headers.put(HubHeaders.EVENT, "careplan-update");
        headers.put(HubHeaders.ACCEPTED_AT, "2026-11-23T11:00:00Z");
        headers.put(HubHeaders.GROUP, NHS);
        headers.put(HubHeaders.DUPLICATE_ID, "intake:race-late");
        producer.sendBodyAndHeaders(
                IntakeGateway.ACCEPT,
                new String(message("race-2", "plan-race", "7", "2026-11-23T09:00:00Z", "late"), StandardCharsets.UTF_8),
                headers);
        awaitDispatched();

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select recipient_ods, outcome, rule_name, explanation from audit_decision where message_id = 'race-late'");
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("DENY");
            assertThat(row.get("rule_name")).isEqualTo("StaleVersionIsNotForwarded");
            assertThat((String) row.get("explanation"))
                    .contains("CarePlan/plan-race from CH001")
                    .contains("versionId 8");
        });
        assertThat(mailboxMessageIds("G81001")).doesNotContain("race-late");
        assertThat(mailboxMessageIds("MDT01")).doesNotContain("race-late");

        HubClient sender = as("CH001");
        List<String> notices = JsonPath.read(
                sender.get("/mailbox/messages").body(),
                "$.messages[?(@.messageId == 'race-late' && @.event == 'not-forwarded' && @.sender == 'vanguard-hub')].id");
        assertThat(notices).as("the sender is told, once, in its mailbox").hasSize(1);
        HttpResponse<String> read = sender.get("/mailbox/messages/" + notices.get(0));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("X-Hub-Signature")).isPresent();
        Bundle notice = FhirParsing.fromTrustedJson(Bundle.class, read.body());
        assertThat(new org.vanguard.profiles.validation.FullProfileValidator()
                        .validate(read.body()).stream()
                                .filter(org.vanguard.profiles.validation.ValidationIssue::isError)
                                .toList())
                .as("the notice conforms to the hub's own message profiles (MessageHeader.sender among them)")
                .isEmpty();
        MessageHeader header = (MessageHeader) notice.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getIdentifier())
                .as("answers the sender's own header")
                .isEqualTo("race-2");
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.FATALERROR);
        OperationOutcome outcome = (OperationOutcome) notice.getEntry().get(1).getResource();
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.CONFLICT);
        assertThat(outcome.getIssueFirstRep().getExpression())
                .extracting(Object::toString)
                .containsExactly("Bundle.entry[2].resource.meta.lastUpdated");
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .contains("race-late")
                .contains("CarePlan/plan-race from CH001");
        assertThat(store.held(new RecordKey(OdsCode.of("CH001"), "CarePlan", "plan-race")))
                .hasValueSatisfying(
                        held -> assertThat(held.version().versionId()).contains("8"));
    }

    @Test
    @DisplayName(
            "a query returns the record minimised as a push would be for a permitted purpose, nothing for a denied one, and both are audited")
    void query() throws Exception {
        Bundle bundle = bundle("query-1", "plan-query", "1", "2026-11-23T09:00:00Z", "for the query");
        ((Patient) bundle.getEntry().get(1).getResource()).setMaritalStatus(new CodeableConcept().setText("widowed"));
        send("CH001", FhirParsing.toJson(bundle).getBytes(StandardCharsets.UTF_8));
        awaitDispatched();

        HttpResponse<String> permitted = as("G81001").get(PATIENT_QUERY, "X-Purpose-Of-Use", "TREAT");
        assertThat(permitted.statusCode()).isEqualTo(200);
        Bundle found = FhirParsing.fromTrustedJson(Bundle.class, permitted.body());
        assertThat(found.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(found.getEntry()).singleElement().satisfies(entry -> {
            Patient patient = (Patient) entry.getResource();
            assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Hartley");
            assertThat(patient.hasMaritalStatus())
                    .as("not in the agreement's data scope")
                    .isFalse();
        });
        assertThat(FhirParsing.fromTrustedJson(
                                Bundle.class,
                                as("G81001")
                                        .get(CAREPLAN_QUERY, "X-Purpose-Of-Use", "TREAT")
                                        .body())
                        .getEntry())
                .isNotEmpty();
        String permittedQuery = permitted.headers().firstValue("X-Hub-Query-Id").orElseThrow();
        assertThat(jdbc.queryForList(
                        "select outcome from audit_decision where message_id = ? and recipient_ods = 'G81001'",
                        String.class,
                        permittedQuery))
                .containsExactly("PERMIT");

        HttpResponse<String> denied = as("G81001").get(PATIENT_QUERY, "X-Purpose-Of-Use", "POPHLTH");
        assertThat(denied.statusCode()).isEqualTo(200);
        Bundle empty = FhirParsing.fromTrustedJson(Bundle.class, denied.body());
        assertThat(empty.getEntry()).isEmpty();
        assertThat(empty.getTotal()).isZero();
        String deniedQuery = denied.headers().firstValue("X-Hub-Query-Id").orElseThrow();
        assertThat(jdbc.queryForList(
                        "select outcome from audit_decision where message_id = ?", String.class, deniedQuery))
                .containsExactly("DENY");
        assertThat(denied.body()).doesNotContain("Hartley").doesNotContain("CH001");
    }

    @Test
    @DisplayName("a query without a purpose, with an unknown purpose or a bad NHS number is a 400 naming the parameter")
    void badQueries() throws Exception {
        HttpResponse<String> noPurpose = as("G81001").get(PATIENT_QUERY);
        assertThat(noPurpose.statusCode()).isEqualTo(400);
        assertThat(noPurpose.body()).contains("X-Purpose-Of-Use");
        assertThat(as("G81001")
                        .get(PATIENT_QUERY, "X-Purpose-Of-Use", "SHOPPING")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> badNumber = as("G81001")
                .get(
                        "/fhir/CarePlan?patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C9434765918",
                        "X-Purpose-Of-Use", "TREAT");
        assertThat(badNumber.statusCode()).isEqualTo(400);
        assertThat(badNumber.body()).contains("patient.identifier");
        HttpResponse<String> noSystem =
                as("G81001").get("/fhir/Patient?identifier=" + NHS, "X-Purpose-Of-Use", "TREAT");
        assertThat(noSystem.statusCode()).isEqualTo(400);
        assertThat(noSystem.body()).contains("\"identifier\"");
    }

    @Test
    @DisplayName(
            "a CareTeam member receives the CarePlan that names the team; a denied member gets nothing and is not named to the sender")
    void careTeamMemberReceives() throws Exception {
        String team = """
                {"resourceType": "CareTeam", "status": "active",
                 "subject": {"identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}},
                 "participant": [
                   {"member": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "MDT01"}}},
                   {"member": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RAC"}}}]}""";
        assertThat(asOfficer()
                        .put("/admin/care-teams/frailty-team", FHIR_JSON, team.getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(201);
        assertThat(asOfficer().get("/admin/care-teams/frailty-team").body()).contains("MDT01");
        HttpResponse<String> badMember = asOfficer()
                .put(
                        "/admin/care-teams/bad",
                        FHIR_JSON,
                        team.replace("\"RAC\"", "\"ZZZ99\"").getBytes(StandardCharsets.UTF_8));
        assertThat(badMember.statusCode()).isEqualTo(400);
        assertThat(badMember.body()).contains("CareTeam.participant[1].member.identifier.value");

        Bundle bundle = carePlanOnly("team-1", "plan-team");
        ((CarePlan) bundle.getEntry().get(1).getResource()).addCareTeam().setReference("CareTeam/frailty-team");
        HttpResponse<String> sent = send("CH001", FhirParsing.toJson(bundle).getBytes(StandardCharsets.UTF_8));
        String messageId = sent.headers().firstValue("X-Hub-Message-Id").orElseThrow();
        awaitDispatched();

        assertThat(mailboxMessageIds("MDT01")).contains(messageId);
        assertThat(mailboxMessageIds("RAC")).doesNotContain(messageId);
        assertThat(jdbc.queryForList(
                        "select distinct outcome from audit_decision where message_id = ? and recipient_ods = 'RAC'",
                        String.class,
                        messageId))
                .containsExactly("DENY");
        assertThat(sent.body()).doesNotContain("RAC");

        assertThat(asOfficer().delete("/admin/care-teams/frailty-team").statusCode())
                .isEqualTo(204);
        assertThat(asOfficer().get("/admin/care-teams/frailty-team").statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "a participant subscribed to care-plan updates for its caseload receives a message addressed to no one")
    void subscriberReceives() throws Exception {
        HttpResponse<String> created =
                asOfficer().post("/admin/subscriptions", "application/json", """
                {"participant": "MDT01", "events": ["careplan-update"], "cohort": "caseload"}""".getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        String subscription = JsonPath.read(created.body(), "$.id");
        HttpResponse<String> bad =
                asOfficer().post("/admin/subscriptions", "application/json", """
                {"participant": "MDT01", "events": ["lunch-order"], "patients": ["9434765919"]}""".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("events[0]");
        try {
            HttpResponse<String> sent = send(
                    "CH001",
                    FhirParsing.toJson(carePlanOnly("subscribed-1", "plan-subscribed"))
                            .getBytes(StandardCharsets.UTF_8));
            String messageId = sent.headers().firstValue("X-Hub-Message-Id").orElseThrow();
            awaitDispatched();

            assertThat(mailboxMessageIds("MDT01")).contains(messageId);
        } finally {
            assertThat(asOfficer()
                            .delete("/admin/subscriptions/" + subscription)
                            .statusCode())
                    .isEqualTo(204);
        }
    }

    private List<String> mailboxMessageIds(String ods) throws Exception {
        return JsonPath.read(as(ods).get("/mailbox/messages").body(), "$.messages[*].messageId");
    }

    private HttpResponse<String> send(String sender, byte[] message) throws Exception {
        HttpResponse<String> response = as(sender).post("/fhir/$process-message", FHIR_JSON, message);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static byte[] message(
            String headerId, String carePlanId, String versionId, String lastUpdated, String title) throws Exception {
        return FhirParsing.toJson(bundle(headerId, carePlanId, versionId, lastUpdated, title))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The demo message with its own header id and a CarePlan of the given id, version and title. */
    private static Bundle bundle(String headerId, String carePlanId, String versionId, String lastUpdated, String title)
            throws Exception {
        Bundle bundle = (Bundle) FhirParsing.standard().parse(demoMessage(), FHIR_JSON);
        bundle.getEntry().get(0).getResource().setId(headerId);
        bundle.getEntry().get(0).setFullUrl("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(headerId.getBytes()));
        CarePlan carePlan = (CarePlan) bundle.getEntry().get(2).getResource();
        carePlan.setId(carePlanId);
        carePlan.setTitle(title);
        carePlan.getMeta().setVersionId(versionId);
        carePlan.getMeta().setLastUpdated(Date.from(java.time.Instant.parse(lastUpdated)));
        return bundle;
    }

    /** A care-plan update with no destinations and no Patient, so no recipient comes from the message itself. */
    private static Bundle carePlanOnly(String headerId, String carePlanId) throws Exception {
        Bundle bundle = bundle(headerId, carePlanId, "1", "2026-11-23T09:00:00Z", "team plan");
        MessageHeader header = (MessageHeader) bundle.getEntry().get(0).getResource();
        header.getDestination().clear();
        header.getFocus()
                .removeIf(focus ->
                        focus.getReference().equals(bundle.getEntry().get(1).getFullUrl()));
        ((CarePlan) bundle.getEntry().get(2).getResource()).getSubject().setReference(null);
        bundle.getEntry().remove(1);
        return bundle;
    }
}
