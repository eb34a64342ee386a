package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vanguard.governance.audit.AuditChain;
import org.vanguard.hub.cluster.ClusterDatabase;

/**
 * Two nodes, each with its own connection pool and several writing threads, append to the one audit chain on the
 * real PostgreSQL server at once: the chain head row is locked in each writing transaction, so the records form one
 * chain with no fork and no gap, and a receipt both nodes record at once (a redelivery taken by the other node) is in
 * it once.
 */
@EnabledIfEnvironmentVariable(named = ClusterDatabase.URL, matches = "jdbc:postgresql:.+")
class ClusterAuditChainIT {

    private static final int THREADS_PER_NODE = 3;
    private static final int TRANSACTIONS_PER_THREAD = 40;

    @Test
    @DisplayName("two nodes writing the audit at once make one chain that verifies, each idempotent record once")
    void oneChainFromTwoNodes() throws Exception {
        try (ClusterDatabase database = new ClusterDatabase()) {
            List<Node> nodes = List.of(new Node(database, "node-a"), new Node(database, "node-b"));
            ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
            int expected = 0;
            try {
                List<Future<Integer>> writers = new ArrayList<>();
                for (int t = 0; t < THREADS_PER_NODE; t++) {
                    for (Node node : nodes) {
                        int thread = t;
                        writers.add(threads.submit(writer(node, thread)));
                    }
                }
                for (Future<Integer> writer : writers) {
                    expected += writer.get();
                }
            } finally {
                threads.shutdownNow();
            }
            // Each thread pair recorded the same receipts on both nodes: once each in the chain.
            expected += THREADS_PER_NODE * TRANSACTIONS_PER_THREAD;

            JdbcTemplate jdbc = nodes.get(0).jdbc;
            Map<String, Object> head =
                    jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
            long headSeq = ((Number) head.get("last_seq")).longValue();
            List<AuditChain.Link> links = AuditVerification.links(jdbc, headSeq);

            assertThat(AuditChain.verify(links, headSeq, (String) head.get("last_hash")))
                    .isEmpty();
            assertThat(links).hasSize(expected);
            assertThat(headSeq).isEqualTo(expected);
            assertThat(jdbc.queryForObject("select count(distinct prev_hash) from audit_decision", Integer.class))
                    .as("no two records follow the same one: no fork")
                    .isEqualTo(expected);
        }
    }

    /** Admin changes of its own (1 to 3 a transaction) and, each transaction, a receipt the other node records too. */
    private static Callable<Integer> writer(Node node, int thread) {
        return () -> {
            int written = 0;
            for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
                int changes = 1 + i % 3;
                int round = i;
                node.transaction.executeWithoutResult(status -> {
                    for (int c = 0; c < changes; c++) {
                        node.audit.record(AdminChange.of(
                                Instant.now(),
                                node.name,
                                "cluster.test",
                                node.name + " thread " + thread + " round " + round + " change " + c));
                    }
                    node.audit.record(new Receipt(
                            Instant.now(),
                            "delivery-" + thread + "-" + round,
                            "message-" + round,
                            "CH001",
                            "G81001",
                            "TREAT",
                            "9434765919",
                            List.of("CarePlan"),
                            List.of(),
                            "mailbox-ack"));
                });
                written += changes;
            }
            return written;
        };
    }

    private static final class Node {
        final String name;
        final JdbcTemplate jdbc;
        final TransactionTemplate transaction;
        final JdbcAuditLog audit;

        Node(ClusterDatabase database, String name) {
            this.name = name;
            var pool = database.pool(name);
            jdbc = new JdbcTemplate(pool);
            transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
            audit = new JdbcAuditLog(jdbc);
        }
    }
}
