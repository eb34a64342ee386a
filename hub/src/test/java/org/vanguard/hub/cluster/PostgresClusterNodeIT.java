package org.vanguard.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.delivery.ReplayService;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * One hub node on PostgreSQL, as a node of a cluster runs: its singleton jobs take their leases in the database, a
 * message sent again is recognised by its key in the database even when the broker has forgotten it, and a replay job
 * a dead node held is resumed here once that node's lease runs out.
 */
@EnabledIfEnvironmentVariable(named = ClusterDatabase.URL, matches = "jdbc:postgresql:.+")
// Its schema is dropped after the class, so its context must not stay cached: its scheduled jobs (Spring Session's
// clean-up, the leases) would fail on the missing schema and log errors into the tests that follow in this JVM. The
// context is closed first (DirtiesContext), then the schema dropped (DropSchema, the last listener after a class).
@DirtiesContext
@TestExecutionListeners(
        listeners = PostgresClusterNodeIT.DropSchema.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class PostgresClusterNodeIT extends HubIntegrationTest {

    static ClusterDatabase database;

    @Autowired
    ReplayService replays;

    /** Drops the class's schema once Spring has closed its context. */
    static final class DropSchema implements TestExecutionListener, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE; // after a class, listeners run in reverse: this one last
        }

        @Override
        public void afterTestClass(TestContext testContext) throws Exception {
            if (database != null) {
                database.close();
            }
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        database = new ClusterDatabase();
        registry.add("spring.datasource.url", database::nodeUrl);
        registry.add("spring.datasource.username", ClusterDatabase::user);
        registry.add("spring.datasource.password", ClusterDatabase::password);
        registry.add("spring.flyway.schemas", database::schema);
        registry.add("hub.cluster.node-id", () -> "node-under-test");
        registry.add("hub.audit.checkpoint-interval", () -> "PT1S");
        registry.add("hub.delivery.replay-poll", () -> "PT1S");
    }

    @Test
    @DisplayName("the periodic singleton jobs run under a lease in the shedlock table, held by this node")
    void singletonJobsTakeTheirLease() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !jdbc.queryForList(
                                "select locked_by from shedlock where name = 'audit-checkpoint'", String.class)
                        .isEmpty());
        assertThat(jdbc.queryForObject("select locked_by from shedlock where name = 'audit-checkpoint'", String.class))
                .isEqualTo("node-under-test");
    }

    @Test
    @DisplayName(
            "a message sent again after the broker forgot its duplicate id is recognised by its key in the database")
    void intakeKeysOutliveTheBrokersMemory() throws Exception {
        HttpResponse<String> first = as("CH001").post("/fhir/$process-message", FHIR_JSON, demoMessage());
        assertThat(first.statusCode()).isEqualTo(200);
        String messageId = FhirParsing.fromTrustedJson(Bundle.class, first.body())
                .getIdentifier()
                .getValue();
        assertThat(jdbc.queryForObject(
                        "select sender from intake_message_key where hub_message_id = ?", String.class, messageId))
                .isEqualTo("CH001");
        long queued = messagesEverAddedTo("hub.intake.accepted");

        broker.getActiveMQServer()
                .getPostOffice()
                .getDuplicateIDCache(SimpleString.of("hub.intake.accepted"))
                .clear();
        HttpResponse<String> again = as("CH001").post("/fhir/$process-message", FHIR_JSON, demoMessage());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(FhirParsing.fromTrustedJson(Bundle.class, again.body())
                        .getIdentifier()
                        .getValue())
                .isEqualTo(messageId);
        assertThat(messagesEverAddedTo("hub.intake.accepted"))
                .as("not queued again")
                .isEqualTo(queued);
    }

    @Test
    @DisplayName(
            "a replay job whose node died holding the replay lease is resumed by this node once the lease runs out")
    void replayOfADeadNodeIsResumed() {
        String job = UUID.randomUUID().toString();
        jdbc.update(
                "insert into replay_job (id, requested_by, requested_at, total, done, delivered, withheld, already_delivered,"
                        + " failed) values (?, 'operator', ?, 2, 1, 0, 0, 0, 1)",
                job,
                Timestamp.from(Instant.now()));
        jdbc.update(
                "insert into replay_item (job_id, delivery_id, outcome, detail) values (?, 'a-finished', 'FAILED',"
                        + " 'before the node died')",
                job);
        jdbc.update("insert into replay_item (job_id, delivery_id) values (?, 'b-never-dead-lettered')", job);
        // The dead node's lease, as ShedLock wrote it (database time, UTC), with three seconds still to run.
        jdbc.update(
                "insert into shedlock (name, lock_until, locked_at, locked_by) values ('replay-jobs',"
                        + " timezone('utc', current_timestamp) + interval '3 seconds', timezone('utc', current_timestamp), 'dead-node')");
        long started = System.nanoTime();

        replays.runUnfinished();
        assertThat(replays.job(job).orElseThrow().finishedAt())
                .as("the lease is the dead node's still")
                .isNull();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job).orElseThrow().finishedAt() != null);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        ReplayService.Job resumed = replays.job(job).orElseThrow();
        assertThat(resumed.items())
                .extracting(ReplayService.Item::detail)
                .containsExactly("before the node died", "no dead letter with this delivery id");
        assertThat(List.of(resumed.done(), resumed.failed())).containsExactly(2, 2);
        assertThat(jdbc.queryForObject("select locked_by from shedlock where name = 'replay-jobs'", String.class))
                .isEqualTo("node-under-test");
    }
}
