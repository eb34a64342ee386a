package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.pki.HubCertificateAuthority;

/**
 * The admin changes that arrived with delivery and PKI (care teams, subscriptions, push endpoints, certificates,
 * replays) are in the audit chain like every other admin change: who, what, when; a refused change is not.
 */
// It revokes RCP's demo certificate: a hub of its own, so every other test still connects as RCP.
@TestPropertySource(properties = HubIntegrationTest.OWN_HUB + "=AdminChangesAuditedIT")
@DirtiesContext
class AdminChangesAuditedIT extends HubIntegrationTest {

    private static final String JSON = "application/json";

    @Test
    @DisplayName(
            "care teams, subscriptions, push endpoints, certificate revocations and replays are recorded in the chain")
    void recorded() throws Exception {
        String team = """
                {"resourceType": "CareTeam", "status": "active",
                 "subject": {"identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}},
                 "participant": [
                   {"member": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "MDT01"}}}]}""";
        assertThat(asOfficer()
                        .put("/admin/care-teams/audited-team", FHIR_JSON, bytes(team))
                        .statusCode())
                .isEqualTo(201);
        assertThat(asOfficer().delete("/admin/care-teams/audited-team").statusCode())
                .isEqualTo(204);
        assertThat(asOfficer().delete("/admin/care-teams/audited-team").statusCode())
                .as("nothing left to delete")
                .isEqualTo(404);

        HttpResponse<String> subscribed = asOfficer()
                .post(
                        "/admin/subscriptions",
                        JSON,
                        bytes(
                                "{\"participant\": \"MDT01\", \"events\": [\"careplan-update\"], \"cohort\": \"caseload\"}"));
        assertThat(subscribed.statusCode()).isEqualTo(201);
        assertThat(asOfficer()
                        .delete("/admin/subscriptions/" + JsonPath.read(subscribed.body(), "$.id"))
                        .statusCode())
                .isEqualTo(204);

        assertThat(asOfficer()
                        .put(
                                "/admin/participants/RCP/endpoint",
                                JSON,
                                bytes("{\"baseUrl\": \"https://rcp.example:9443/fhir\"}"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(asOfficer().delete("/admin/participants/RCP/endpoint").statusCode())
                .isEqualTo(204);

        String serial = serialOf("RCP");
        assertThat(asOfficer()
                        .post("/admin/certificates/" + serial + "/revoke", JSON, bytes("{\"reason\": \"superseded\"}"))
                        .statusCode())
                .isEqualTo(200);

        List<String> actions = jdbc.queryForList(
                "select action_name from audit_decision where event_kind = 'ADMIN' order by seq", String.class);
        assertThat(actions)
                .containsSubsequence(
                        "care-team.create",
                        "care-team.delete",
                        "subscription.create",
                        "subscription.delete",
                        "push-endpoint.register",
                        "push-endpoint.remove",
                        "certificate.revoke");
        assertThat(actions)
                .filteredOn("care-team.delete"::equals)
                .as("the refused second delete is not recorded")
                .hasSize(1);
        assertThat(JsonPath.<Boolean>read(asOfficer().get("/admin/audit/verify").body(), "$.intact"))
                .isTrue();
    }

    private String serialOf(String ods) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dataDir.resolve("pki/participants/" + ods + ".p12"))) {
            store.load(in, "demo".toCharArray());
        }
        return ((X509Certificate) store.getCertificate(HubCertificateAuthority.PARTICIPANT_ALIAS))
                .getSerialNumber()
                .toString(16);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
