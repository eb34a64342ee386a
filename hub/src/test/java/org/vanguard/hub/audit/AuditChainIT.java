package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubIntegrationTest;

/** The audit's hash chain against someone with database access: every edit, removal or swap is named. */
// It edits, swaps and deletes audit rows to prove verification names them: a hub of its own, so no other test meets a
// broken chain.
@TestPropertySource(properties = HubIntegrationTest.OWN_HUB + "=AuditChainIT")
@DirtiesContext
class AuditChainIT extends HubIntegrationTest {

    @Test
    @DisplayName("editing, deleting or swapping an audit row in the database is detected and named by verification")
    void tamperingIsNamed() throws Exception {
        String sent = as("CH001")
                .post("/fhir/$process-message", FHIR_JSON, newDemoMessage())
                .body();
        String messageId = JsonPath.read(sent, "$.identifier.value");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from audit_decision where message_id = ?", Integer.class, messageId)
                        == 6);
        assertThat(verify()).containsEntry("intact", true).containsEntry("records", 6);

        Map<String, Object> row = jdbc.queryForMap("select id, seq, outcome from audit_decision where seq = 3");
        jdbc.update(
                "update audit_decision set outcome = ? where id = ?",
                "PERMIT".equals(row.get("outcome")) ? "DENY" : "PERMIT",
                row.get("id"));
        assertThat(breaks()).anySatisfy(b -> {
            assertThat(b.get("seq")).isEqualTo(3);
            assertThat((String) b.get("problem")).contains("edited");
        });
        jdbc.update("update audit_decision set outcome = ? where id = ?", row.get("outcome"), row.get("id"));
        assertThat(verify()).containsEntry("intact", true);

        Map<String, Object> two =
                jdbc.queryForMap("select id, recipient_ods, resource_type from audit_decision where seq = 2");
        Map<String, Object> five =
                jdbc.queryForMap("select id, recipient_ods, resource_type from audit_decision where seq = 5");
        put(two, five);
        put(five, two);
        assertThat(breaks()).extracting(b -> b.get("seq")).contains(2, 5);
        put(two, two);
        put(five, five);
        assertThat(verify()).containsEntry("intact", true);

        jdbc.update("delete from audit_decision where seq = 4");
        assertThat(breaks())
                .anySatisfy(b -> assertThat((String) b.get("problem")).contains("records 4 to 4 are missing"));
    }

    /** Writes the content saved in {@code from} into the row saved as {@code row}. */
    private void put(Map<String, Object> row, Map<String, Object> from) {
        jdbc.update(
                "update audit_decision set recipient_ods = ?, resource_type = ? where id = ?",
                from.get("recipient_ods"),
                from.get("resource_type"),
                row.get("id"));
    }

    private Map<String, Object> verify() throws Exception {
        return JsonPath.read(asOfficer().get("/admin/audit/verify").body(), "$");
    }

    private List<Map<String, Object>> breaks() throws Exception {
        Map<String, Object> verdict = verify();
        assertThat(verdict).containsEntry("intact", false);
        return JsonPath.read(asOfficer().get("/admin/audit/verify").body(), "$.breaks");
    }
}
