package org.vanguard.hub.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vanguard.hub.HubIntegrationTest;

/**
 * Agreements as reviewed files: reloaded all or nothing, a suspension stops flows at once, and a changed text
 * is kept in the change log.
 */
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class AgreementReloadIT extends HubIntegrationTest {

    private static final String CH_GP = "isa-ch001-g81001-direct-care.yaml";
    private static Path agreementsDir;

    @DynamicPropertySource
    static void agreementFiles(DynamicPropertyRegistry registry) {
        agreementsDir = copyOfDemoAgreements(CH_GP, "isa-frailty-mdt-direct-care.yaml");
        registry.add("hub.governance.agreements", () -> "file:" + agreementsDir + "/*.yaml");
    }

    @Test
    @DisplayName("a bad agreement file is refused with file and line, and the agreements in force stay as they were")
    void badFileRefused() throws Exception {
        String good = Files.readString(agreementsDir.resolve(CH_GP));
        Path bad = agreementsDir.resolve("zz-bad.yaml");
        Files.writeString(bad, good.replace("ISA-CH001-G81001-DC", "ISA-BAD").replace("code: TREAT", "code: GOSSIP"));
        try {
            HttpResponse<String> refused =
                    asOfficer().post("/admin/agreements/reload", "application/json", new byte[0]);

            assertThat(refused.statusCode()).isEqualTo(400);
            int line = lineOf(Files.readString(bad), "code: GOSSIP");
            assertThat(JsonPath.<List<String>>read(refused.body(), "$.issue[*].expression[*]"))
                    .containsExactly("zz-bad.yaml:" + line);
            assertThat(JsonPath.<List<String>>read(refused.body(), "$.issue[*].diagnostics")
                            .get(0))
                    .contains("GOSSIP");
            assertThat(JsonPath.<List<String>>read(
                            asOfficer().get("/admin/agreements").body(), "$[*].id"))
                    .containsExactlyInAnyOrder("ISA-CH001-G81001-DC", "ISA-MDT01-DC");
        } finally {
            Files.delete(bad);
        }
    }

    @Test
    @DisplayName("suspending an agreement and reloading stops its flows at once, and the explanation says why")
    void suspensionStopsFlows() throws Exception {
        String question =
                "{\"sender\":\"CH001\",\"recipient\":\"G81001\",\"purpose\":\"TREAT\",\"nhsNumber\":\"9434765919\","
                        + "\"resourceType\":\"CarePlan\"}";
        Path file = agreementsDir.resolve(CH_GP);
        String active = Files.readString(file);
        Files.writeString(file, active.replace("status: active", "status: suspended"));
        try {
            assertThat(asOfficer()
                            .post("/admin/agreements/reload", "application/json", new byte[0])
                            .statusCode())
                    .isEqualTo(200);

            HttpResponse<String> answer = asOfficer()
                    .post("/admin/decisions/what-if", "application/json", question.getBytes(StandardCharsets.UTF_8));
            assertThat(JsonPath.<String>read(answer.body(), "$.outcome")).isEqualTo("DENY");
            assertThat(JsonPath.<List<String>>read(answer.body(), "$.reasons[*].code"))
                    .contains("NO_AGREEMENT");
            assertThat(JsonPath.<List<String>>read(answer.body(), "$.reasons[*].text")
                            .toString())
                    .contains("suspended");
        } finally {
            Files.writeString(file, active);
            asOfficer().post("/admin/agreements/reload", "application/json", new byte[0]);
        }
    }

    @Test
    @DisplayName("a reload that changes an agreement's text without a new version enters its change log as a revision")
    void changeWithoutNewVersionLogged() throws Exception {
        Path file = agreementsDir.resolve(CH_GP);
        String original = Files.readString(file);
        Files.writeString(file, original.replace("reviewDate: 2027-06-30", "reviewDate: 2027-09-30"));
        try {
            assertThat(asOfficer()
                            .post("/admin/agreements/reload", "application/json", new byte[0])
                            .statusCode())
                    .isEqualTo(200);

            List<Map<String, Object>> history = JsonPath.read(
                    asOfficer()
                            .get("/admin/agreements/ISA-CH001-G81001-DC/history")
                            .body(),
                    "$");
            assertThat(history.get(0).get("officer")).isEqualTo("hub (start)");
            Map<String, Object> last = history.get(history.size() - 1);
            assertThat(last.get("action")).isEqualTo("revised");
            assertThat(last.get("detail").toString()).contains("without a new version");
            assertThat(last.get("officer").toString()).contains("Demo IG Officer");
        } finally {
            Files.writeString(file, original);
            asOfficer().post("/admin/agreements/reload", "application/json", new byte[0]);
        }
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in file");
    }
}
