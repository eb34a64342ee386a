package org.vanguard.hub.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Contract;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.validation.FullValidation;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.validation.ValidationIssue;

/**
 * An agreement's lifecycle through the admin API, each step checked against the decision the hub would take:
 * a draft denies until every party approves, a suspension denies at once, a termination is final, and the
 * change log keeps who did what and when.
 */
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class AgreementLifecycleIT extends HubIntegrationTest {

    private static final String JSON = "application/json";
    private static final String DRAFT_ID = "ISA-CH001-RAC-DC";
    private static final String NHS = "9434765919";
    private static Path agreementsDir;

    /** Rosewood Care Home shares with the acute trust for direct care; nobody has approved it yet. */
    private static final String DRAFT = org.vanguard.hub.agreement.DraftAgreements.careHomeToAcute(
            DRAFT_ID, "Rosewood Care Home and Riverside Acute - direct care on admission");

    @Autowired
    FullValidation validation;

    @DynamicPropertySource
    static void agreementFiles(DynamicPropertyRegistry registry) {
        agreementsDir = agreementsWithDraft();
        registry.add("hub.governance.agreements", () -> "file:" + agreementsDir + "/*.yaml");
    }

    @Test
    @DisplayName(
            "a draft denies until both parties approve; a suspension denies at once; a termination is final and logged")
    void lifecycle() throws Exception {
        HubClient officer = asOfficer();
        assertThat(officer.post(
                                "/admin/relationships",
                                JSON,
                                json("{'nhsNumber':'" + NHS + "','participant':'RAC','kind':'admission'}"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(whatIf().get("outcome")).isEqualTo("DENY");
        assertThat(status()).isEqualTo("draft");
        HttpResponse<String> sent = as("CH001").post("/fhir/$process-message", FHIR_JSON, demoMessage());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        awaitDispatched();
        List<Map<String, Object>> refusals = JsonPath.read(
                officer.get("/admin/audit?agreement=" + DRAFT_ID + "&recipient=RAC")
                        .body(),
                "$");
        assertThat(refusals)
                .as("refusals under the draft are found by agreement")
                .hasSize(2)
                .allSatisfy(row -> {
                    assertThat(row.get("outcome")).isEqualTo("DENY");
                    assertThat(row.get("agreement")).isEqualTo(DRAFT_ID + " v1 flows[0]");
                    assertThat(row.get("reasons").toString()).contains("NO_AGREEMENT");
                });
        Map<String, Object> impactOfApproval =
                JsonPath.read(officer.get("/admin/agreements/" + DRAFT_ID).body(), "$.impactOfApproval");
        assertThat(impactOfApproval.get("changed"))
                .as("the draft's page carries the impact of approving it")
                .isEqualTo(2);
        assertThat(JsonPath.<List<String>>read(impactOfApproval, "$.flows[*].resourceType"))
                .containsExactlyInAnyOrder("Patient", "CarePlan");
        assertThat(JsonPath.<List<String>>read(impactOfApproval, "$.flows[*].before"))
                .containsOnly("DENY (NO_AGREEMENT)");
        assertThat(JsonPath.<List<String>>read(impactOfApproval, "$.flows[*].after"))
                .containsOnly("PERMIT under " + DRAFT_ID + " v1 flows[0]");
        assertThat(JsonPath.<List<String>>read(impactOfApproval, "$.sample[*].patient"))
                .hasSize(2)
                .allSatisfy(
                        patient -> assertThat(patient).startsWith("patient-").doesNotContain(NHS));

        HttpResponse<String> early = officer.post(path("approve"), JSON, json("{'party':'CH001'}"));
        assertThat(early.statusCode())
                .as("a draft not yet submitted is not approved")
                .isEqualTo(409);
        assertThat(early.body()).contains("has not been submitted for approval");
        HttpResponse<String> submitted = officer.post(path("submit"), JSON, new byte[0]);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(submitted.body(), "$.stage")).isEqualTo("awaiting approval");
        assertThat(officer.post(path("submit"), JSON, new byte[0]).statusCode())
                .as("submitted once")
                .isEqualTo(409);

        HttpResponse<String> first = officer.post(path("approve"), JSON, json("{'party':'CH001','version':1}"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(first.body(), "$.status")).isEqualTo("draft");
        assertThat(JsonPath.<List<String>>read(first.body(), "$.awaitingApproval"))
                .containsExactly("RAC");
        Map<String, Object> stillDenied = whatIf();
        assertThat(stillDenied.get("outcome")).isEqualTo("DENY");
        assertThat(stillDenied.toString()).contains("draft");

        HttpResponse<String> second = officer.post(path("approve"), JSON, json("{'party':'RAC'}"));
        assertThat(JsonPath.<String>read(second.body(), "$.status")).isEqualTo("active");
        assertThat(whatIf().get("outcome")).isEqualTo("PERMIT");

        HttpResponse<String> suspended =
                officer.post(path("suspend"), JSON, json("{'reason':'breach under investigation'}"));
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        Map<String, Object> denied = whatIf();
        assertThat(denied.get("outcome")).isEqualTo("DENY");
        assertThat(denied.get("reasons").toString()).contains("NO_AGREEMENT").contains("suspended");

        assertThat(officer.post(path("resume"), JSON, json("{}")).statusCode()).isEqualTo(200);
        assertThat(whatIf().get("outcome")).isEqualTo("PERMIT");
        HttpResponse<String> suspension = officer.get(path("impact?change=suspend&days=7"));
        assertThat(suspension.statusCode()).as(suspension.body()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(suspension.body(), "$.changed")).isEqualTo(2);
        assertThat(JsonPath.<List<String>>read(suspension.body(), "$.flows[*].after"))
                .containsOnly("DENY (NO_AGREEMENT)");
        assertThat(status()).as("weighing a suspension changes nothing").isEqualTo("active");
        HttpResponse<String> badChange = officer.get(path("impact?change=delete"));
        assertThat(badChange.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(badChange.body(), "$.issue[*].expression[0]"))
                .containsExactly("change");
        assertThat(officer.get(path("impact?change=approve")).statusCode())
                .as("an active version awaits no approval")
                .isEqualTo(409);
        assertThat(officer.get(path("impact?change=suspend&days=0")).statusCode())
                .isEqualTo(400);

        assertThat(officer.post(path("terminate"), JSON, json("{'reason':'replaced by the PACS agreement'}"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(whatIf().get("outcome")).isEqualTo("DENY");
        assertThat(status()).isEqualTo("terminated");
        HttpResponse<String> resumeRefused = officer.post(path("resume"), JSON, json("{}"));
        assertThat(resumeRefused.statusCode()).isEqualTo(409);
        assertThat(JsonPath.<List<String>>read(resumeRefused.body(), "$.issue[*].diagnostics")
                        .get(0))
                .contains("terminated");

        List<Map<String, Object>> history =
                JsonPath.read(officer.get(path("history")).body(), "$");
        assertThat(history)
                .extracting(e -> e.get("action"))
                .containsExactly("revised", "submitted", "approved", "approved", "suspended", "resumed", "terminated");
        assertThat(history)
                .extracting(e -> e.get("party"))
                .containsExactly(null, null, "CH001", "RAC", null, null, null);
        assertThat(history.subList(1, history.size())).allSatisfy(entry -> {
            assertThat(entry.get("officer").toString()).contains("Demo IG Officer");
            assertThat(entry.get("at")).isNotNull();
        });
        assertThat(history.get(4).get("detail")).isEqualTo("breach under investigation");
    }

    @Test
    @DisplayName("approving for a non-party, another version, or twice is refused with a 4xx saying why and where")
    void approvalRefusals() throws Exception {
        HubClient officer = asOfficer();
        String id = "ISA-MDT01-DC";
        HttpResponse<String> nonParty =
                officer.post("/admin/agreements/" + id + "/approve", JSON, json("{'party':'RAC'}"));
        assertThat(nonParty.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(nonParty.body(), "$.issue[*].expression[*]"))
                .containsExactly("party");
        assertThat(nonParty.body()).contains("RAC is not a party");

        HttpResponse<String> active =
                officer.post("/admin/agreements/" + id + "/approve", JSON, json("{'party':'CH001'}"));
        assertThat(active.statusCode()).isEqualTo(409);
        assertThat(active.body()).contains("already active");

        HttpResponse<String> badCode =
                officer.post("/admin/agreements/" + id + "/approve", JSON, json("{'party':'not ods'}"));
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(officer.post("/admin/agreements/ISA-NONE/approve", JSON, json("{'party':'CH001'}"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(officer.post("/admin/agreements/" + id + "/suspend", JSON, json("{}"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(as("CH001")
                        .post("/admin/agreements/" + id + "/suspend", JSON, json("{'reason':'x'}"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("an agreement exports as a valid FHIR R4 Contract with a term per flow, its parties and legal bases")
    void contractExport() throws Exception {
        HttpResponse<String> response = asOfficer().get("/admin/agreements/ISA-CH001-G81001-DC/contract");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(FHIR_JSON);
        Contract contract =
                (Contract) FhirParsing.standard().parse(response.body().getBytes(StandardCharsets.UTF_8), FHIR_JSON);
        assertThat(contract.getIdentifierFirstRep().getSystem()).isEqualTo(ContractExport.AGREEMENT_SYSTEM);
        assertThat(contract.getIdentifierFirstRep().getValue()).isEqualTo("ISA-CH001-G81001-DC");
        assertThat(contract.getVersion()).isEqualTo("1");
        assertThat(contract.getStatus()).isEqualTo(Contract.ContractStatus.EXECUTED);
        assertThat(contract.getApplies().getStartElement().getValueAsString()).isEqualTo("2026-01-01");
        assertThat(contract.getTerm())
                .extracting(t -> t.getIdentifier().getValue())
                .containsExactly("flows[0]", "flows[1]", "parties", "accountability");
        Contract.TermComponent flow = contract.getTermFirstRep();
        assertThat(flow.getOffer().getParty())
                .extracting(p -> p.getRole().getCodingFirstRep().getCode())
                .containsExactly("sender", "recipient");
        assertThat(flow.getOffer()
                        .getParty()
                        .get(1)
                        .getReferenceFirstRep()
                        .getIdentifier()
                        .getValue())
                .isEqualTo("G81001");
        assertThat(flow.getAction())
                .extracting(a -> a.getIntent().getCodingFirstRep().getCode())
                .containsExactly("TREAT", "ETREAT", "BTG");
        assertThat(flow.getAsset())
                .extracting(a -> a.getTypeFirstRep().getCodingFirstRep().getCode())
                .containsExactly("CarePlan", "Patient");
        assertThat(contract.getLegal()).hasSize(3);
        assertThat(contract.getTerm().get(3).getText())
                .contains("DPIA-2025-017")
                .contains("G81001 P10Y");

        List<ValidationIssue> errors = validation.validate(contract).stream()
                .filter(i -> i.severity() == IssueSeverity.ERROR || i.severity() == IssueSeverity.FATAL)
                .toList();
        assertThat(errors).isEmpty();
    }

    @Test
    @DisplayName("the care-model templates are listed with their placeholders and served as YAML to tailor")
    void templates() throws Exception {
        HttpResponse<String> list = asOfficer().get("/admin/agreement-templates");
        assertThat(JsonPath.<List<String>>read(list.body(), "$[*].name"))
                .containsExactly(
                        "enhanced-health-in-care-homes",
                        "multispecialty-community-provider",
                        "primary-and-acute-care-system");
        assertThat(JsonPath.<List<String>>read(list.body(), "$[0].placeholders"))
                .contains("CARE-HOME-ODS");

        HttpResponse<String> one = asOfficer().get("/admin/agreement-templates/primary-and-acute-care-system");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("ACUTE-TRUST-ODS").contains("status: draft");
        assertThat(asOfficer()
                        .get("/admin/agreement-templates/integrated-care-system")
                        .statusCode())
                .isEqualTo(404);
    }

    private Map<String, Object> whatIf() throws Exception {
        HttpResponse<String> answer = asOfficer()
                .post(
                        "/admin/decisions/what-if",
                        JSON,
                        json("{'sender':'CH001'," + "'recipient':'RAC','purpose':'TREAT','nhsNumber':'" + NHS
                                + "','resourceType':'CarePlan'}"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonPath.read(answer.body(), "$");
    }

    private String status() throws Exception {
        return JsonPath.read(asOfficer().get("/admin/agreements/" + DRAFT_ID).body(), "$.status");
    }

    private static String path(String action) {
        return "/admin/agreements/" + DRAFT_ID + "/" + action;
    }

    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static Path agreementsWithDraft() {
        try {
            Path dir = Files.createTempDirectory("hub-agreements-");
            for (String name : List.of("isa-ch001-g81001-direct-care.yaml", "isa-frailty-mdt-direct-care.yaml")) {
                try (InputStream in = AgreementLifecycleIT.class.getResourceAsStream("/demo/agreements/" + name)) {
                    Files.copy(in, dir.resolve(name));
                }
            }
            Files.writeString(dir.resolve("isa-ch001-rac-direct-care.yaml"), DRAFT);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
