package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.governance.audit.AuditChain;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.cli.AuditVerify;

/**
 * Signed checkpoints against someone who can write to the database: a forged checkpoint, a chain rewritten with
 * fresh hashes, and a chain cut short after a checkpoint are each detected and named, by the API and by the CLI.
 */
@TestPropertySource(properties = "hub.audit.checkpoint-interval=PT2S")
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class AuditCheckpointIT extends HubIntegrationTest {

    @Test
    @DisplayName(
            "checkpoints are signed periodically and on demand; forging one, rewriting or truncating the chain is named")
    void checkpointsCatchRewritesAndTruncation() throws Exception {
        String sent = as("CH001")
                .post("/fhir/$process-message", FHIR_JSON, demoMessage())
                .body();
        String messageId = JsonPath.read(sent, "$.identifier.value");
        awaitDispatched();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("select count(*) from audit_checkpoint where seq = 6", Integer.class) > 0);

        var made = asOfficer().post("/admin/audit/checkpoints", null, new byte[0]);
        assertThat(made.statusCode()).isEqualTo(201);
        long id = ((Number) JsonPath.read(made.body(), "$.id")).longValue();
        assertThat(JsonPath.<Integer>read(made.body(), "$.seq")).isEqualTo(6);
        assertThat(verify()).containsEntry("intact", true).containsEntry("records", 6);
        assertThat(cli()).startsWith("0 INTACT");
        assertThat(as("CH001")
                        .post("/admin/audit/checkpoints", null, new byte[0])
                        .statusCode())
                .as("only IG officers take checkpoints")
                .isEqualTo(403);

        // A forged checkpoint: its hash changed without the hub's key.
        String signedHash =
                jdbc.queryForObject("select chain_hash from audit_checkpoint where id = ?", String.class, id);
        jdbc.update("update audit_checkpoint set chain_hash = ? where id = ?", "f".repeat(64), id);
        assertThat(breaks())
                .anySatisfy(b -> assertThat((String) b.get("problem"))
                        .contains("checkpoint " + id)
                        .contains("signature does not verify"));
        jdbc.update("update audit_checkpoint set chain_hash = ? where id = ?", signedHash, id);
        assertThat(verify()).containsEntry("intact", true);

        // The whole chain rewritten: record 3 edited and every hash after it recomputed, head included.
        Map<String, Object> three = jdbc.queryForMap("select id, outcome from audit_decision where seq = 3");
        jdbc.update(
                "update audit_decision set outcome = ? where id = ?",
                "PERMIT".equals(three.get("outcome")) ? "DENY" : "PERMIT",
                three.get("id"));
        rehashFrom(3);
        List<Map<String, Object>> rewritten = breaks();
        assertThat(rewritten)
                .noneSatisfy(b -> assertThat((String) b.get("problem")).contains("edited"));
        assertThat(rewritten)
                .anySatisfy(b -> assertThat((String) b.get("problem"))
                        .contains("checkpoint " + id)
                        .contains("no longer passes through")
                        .contains("rewritten"));
        assertThat(cli()).startsWith("1 BROKEN").contains("rewritten");

        // The tail cut off after the checkpoint: records 5 and 6 deleted and the head moved back to 4.
        jdbc.update("update audit_decision set outcome = ? where id = ?", three.get("outcome"), three.get("id"));
        rehashFrom(3);
        assertThat(verify()).containsEntry("intact", true);
        jdbc.update("delete from audit_decision where seq > 4");
        jdbc.update(
                "update audit_chain_head set last_seq = 4, last_hash = (select row_hash from audit_decision where seq = 4)");
        List<Map<String, Object>> truncated = breaks();
        assertThat(truncated)
                .noneSatisfy(b -> assertThat((String) b.get("problem")).contains("missing"));
        assertThat(truncated)
                .anySatisfy(b -> assertThat((String) b.get("problem"))
                        .contains("checkpoint " + id)
                        .contains("record 6")
                        .contains("truncated"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where message_id = ?", Integer.class, messageId))
                .isEqualTo(4);
    }

    /** What an attacker with database access does to hide an edit: recompute every hash from {@code seq} on. */
    private void rehashFrom(long seq) {
        String previous = jdbc.queryForObject("select prev_hash from audit_decision where seq = ?", String.class, seq);
        List<Map<String, Object>> rows =
                jdbc.queryForList("select id, seq from audit_decision where seq >= ? order by seq", seq);
        for (Map<String, Object> row : rows) {
            AuditRow content = jdbc.queryForObject(
                    "select * from audit_decision where id = ?", (rs, n) -> AuditRow.from(rs), row.get("id"));
            String hash = AuditChain.hash(previous, ((Number) row.get("seq")).longValue(), content.canonical());
            jdbc.update(
                    "update audit_decision set prev_hash = ?, row_hash = ? where id = ?",
                    previous,
                    hash,
                    row.get("id"));
            previous = hash;
        }
        jdbc.update("update audit_chain_head set last_hash = ? where id = 1", previous);
    }

    private String cli() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditVerify.run(
                new String[] {
                    "--hub",
                    "https://localhost:" + port,
                    "--keystore",
                    dataDir.resolve("pki/officers/ig-officer.p12").toString(),
                    "--password",
                    "demo",
                    "--ca",
                    caPem().toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return status + " " + out.toString(StandardCharsets.UTF_8);
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
