package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.HubIntegrationTest;

/**
 * The hub's audit log commits concurrent callers' entries in groups: every caller's entries are in the one chain
 * exactly once, the chain verifies, and a caller whose entries cannot be written fails alone.
 */
class AuditGroupCommitIT extends HubIntegrationTest {

    private static final int CALLERS = 24;

    @Autowired
    AuditLog audit;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    org.vanguard.routes.dispatch.GroupedTransactions transactions;

    @Test
    @DisplayName("concurrent callers are all recorded once, in one intact chain, each returning only once committed")
    void concurrentCallersAreRecordedOnce() throws Exception {
        assertThat(audit).isInstanceOf(GroupCommitAuditLog.class);
        int before = ours();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int caller = 0; caller < CALLERS; caller++) {
            String messageId = "group-commit-" + caller;
            answers.add(callers.submit(() -> {
                start.await();
                audit.record(entries(messageId, "TREAT rule"));
                // Back from record: the caller's entries must already be committed and visible to anyone.
                return jdbc.queryForObject(
                        "select count(*) from audit_decision where message_id = ?", Integer.class, messageId);
            }));
        }
        start.countDown();
        for (Future<Integer> answer : answers) {
            assertThat(answer.get())
                    .as("each caller sees its own three entries on return")
                    .isEqualTo(3);
        }
        callers.shutdown();

        assertThat(ours() - before).isEqualTo(CALLERS * 3);
        assertThat(metrics.get("hub.database.group.size").summary().max())
                .as("callers arriving together were committed together")
                .isGreaterThan(1);
        audit.record(entries("group-commit-0", "TREAT rule"));
        assertThat(ours() - before)
                .as("recording the same decisions again adds nothing")
                .isEqualTo(CALLERS * 3);
        assertThat(JsonPath.<Boolean>read(asOfficer().get("/admin/audit/verify").body(), "$.intact"))
                .isTrue();
    }

    @Test
    @DisplayName("a caller whose entries the database refuses fails alone; the callers grouped with it are recorded")
    void oneBadCallerFailsAlone() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> good = new ArrayList<>();
        for (int caller = 0; caller < 7; caller++) {
            String messageId = "group-good-" + caller;
            good.add(callers.submit(() -> {
                start.await();
                audit.record(entries(messageId, "TREAT rule"));
                return null;
            }));
        }
        Future<?> bad = callers.submit(() -> {
            start.await();
            audit.record(entries("group-bad", "r".repeat(300)));
            return null;
        });
        start.countDown();
        for (Future<?> answer : good) {
            answer.get();
        }
        assertThatThrownBy(bad::get).hasCauseInstanceOf(DataAccessException.class);
        callers.shutdown();

        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where message_id like 'group-good-%'", Integer.class))
                .isEqualTo(7 * 3);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where message_id = 'group-bad'", Integer.class))
                .isZero();
        assertThat(JsonPath.<Boolean>read(asOfficer().get("/admin/audit/verify").body(), "$.intact"))
                .isTrue();
    }

    @Test
    @DisplayName(
            "a piece of work that swallows a database error of its own never leaves another piece told committed for work that is gone (PostgreSQL aborts the transaction)")
    void swallowedErrorFailsTheGroup() {
        String first = "swallow-" + java.util.UUID.randomUUID();
        String last = "swallow-" + java.util.UUID.randomUUID();
        List<org.springframework.transaction.support.TransactionCallback<Integer>> work = List.of(
                status -> deliveredRow(first),
                status -> {
                    try {
                        return deliveredRow(first); // a duplicate, caught here and not rolled back to a savepoint
                    } catch (org.springframework.dao.DuplicateKeyException swallowed) {
                        return 0;
                    }
                },
                status -> deliveredRow(last));
        List<org.vanguard.routes.dispatch.GroupedTransactions.Outcome<Integer>> outcomes;
        try {
            outcomes = transactions.executeEach(work);
        } catch (org.springframework.transaction.TransactionException groupFailed) {
            // PostgreSQL: the savepoint cannot be released in the aborted transaction, so the whole group fails and
            // every caller is told; nothing of it is written.
            assertThat(jdbc.queryForObject(
                            "select count(*) from delivered_delivery where delivery_id in (?, ?)",
                            Integer.class,
                            first,
                            last))
                    .isZero();
            return;
        }
        // H2 goes on after a failed statement: what each piece was told is what the database holds.
        assertThat(outcomes.get(0).failed()).isFalse();
        assertThat(outcomes.get(2).failed()).isFalse();
        assertThat(jdbc.queryForObject(
                        "select count(*) from delivered_delivery where delivery_id in (?, ?)",
                        Integer.class,
                        first,
                        last))
                .as("every piece told committed is in the database")
                .isEqualTo(2);
    }

    private int deliveredRow(String deliveryId) {
        return jdbc.update(
                "insert into delivered_delivery (delivery_id, recipient_ods, how, delivered_at) values (?, 'G81001', 'test', ?)",
                deliveryId,
                java.sql.Timestamp.from(Instant.now()));
    }

    /** This test's rows: the shared hub's own work (other tests' traffic, its schedules) records others meanwhile. */
    private int ours() {
        return jdbc.queryForObject(
                "select count(*) from audit_decision where message_id like 'group-commit-%'", Integer.class);
    }

    /** Three decisions for one message; {@code rule} longer than its column (255) makes the database refuse them. */
    private static List<AuditEntry> entries(String messageId, String rule) {
        List<AuditEntry> entries = new ArrayList<>();
        for (String type : List.of("Patient", "CarePlan", "Consent")) {
            DecisionRequest request = new DecisionRequest(
                    OdsCode.of("CH001"), OdsCode.of("G81001"), Purpose.TREAT, NhsNumber.of("9434765919"), type);
            entries.add(new AuditEntry(
                    Instant.now(),
                    messageId,
                    request,
                    AuditEntry.Outcome.PERMIT,
                    List.of(),
                    Optional.of("agreement-test"),
                    rule,
                    "test decision for " + type,
                    AuditEntry.Stage.DISPATCH));
        }
        return entries;
    }
}
