package org.vanguard.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.participant.ParticipantFileReader;
import org.vanguard.hub.agreement.FileAgreementStore;
import org.vanguard.hub.agreement.JdbcAgreementLifecycleLog;
import org.vanguard.hub.audit.GroupCommitTransactions;
import org.vanguard.hub.audit.JdbcAuditLog;
import org.vanguard.hub.intake.JdbcDispatchedMessages;
import org.vanguard.hub.intake.JdbcIntakeKeys;
import org.vanguard.hub.pki.CertificateRegistry;
import org.vanguard.hub.pki.RevocationReason;
import org.vanguard.hub.pseudonym.JdbcPseudonymKeys;
import org.vanguard.hub.signing.SigningKeyRing;
import org.vanguard.routes.dispatch.DispatchedMessages;

/**
 * Two hub nodes' worth of the cluster mechanisms on the real PostgreSQL server, each node with its own connection
 * pool and nothing else in common but the database (and, as in production, the PKI directory): what one node changes
 * the other sees within the stated bound, and a singleton job runs on one node at a time, also when a node dies
 * holding its lease.
 */
@EnabledIfEnvironmentVariable(named = ClusterDatabase.URL, matches = "jdbc:postgresql:.+")
class ClusterMechanismsIT {

    /** The bound this test holds the bus to while both nodes listen (docs/cluster.md states it). */
    static final Duration BOUND = Duration.ofSeconds(1);

    private static final Clock CLOCK = Clock.systemUTC();

    static ClusterDatabase database;
    static Path pki;
    static Path filesOfA;
    static Path filesOfB;
    static Node a;
    static Node b;

    /** One node: its own pool, registry, agreements, keys, bus and leases, wired as the hub wires them. */
    static final class Node implements AutoCloseable {
        final String name;
        final JdbcTemplate jdbc;
        final TransactionTemplate transaction;
        final CertificateRegistry certificates;
        final FileAgreementStore agreements;
        final SigningKeyRing signingKeys;
        final JdbcPseudonymKeys pseudonymKeys;
        final PostgresClusterBus bus;
        final LockProvider leases;
        final JdbcIntakeKeys intakeKeys;
        final JdbcDispatchedMessages dispatched;

        /** A node reading its agreements from {@code agreementFiles} (its own copy, as each node has in production). */
        Node(String name, Path agreementFiles) throws Exception {
            this.name = name;
            var pool = database.pool(name);
            jdbc = new JdbcTemplate(pool);
            var transactions = new DataSourceTransactionManager(pool);
            transaction = new TransactionTemplate(transactions);
            certificates = new CertificateRegistry(jdbc, CLOCK);
            agreements = new FileAgreementStore(
                    new PathMatchingResourcePatternResolver(),
                    "file:" + agreementFiles + "/*.yaml",
                    participants(),
                    new JdbcAgreementLifecycleLog(jdbc),
                    CLOCK);
            agreements.keepInDatabase(jdbc);
            agreements.start(false);
            signingKeys = new SigningKeyRing(pki.resolve("signing"), CLOCK);
            pseudonymKeys = new JdbcPseudonymKeys(jdbc, transactions, CLOCK);
            bus = new PostgresClusterBus(pool, name, Duration.ofSeconds(30));
            new ClusterSubscriptions(bus, certificates, agreements, signingKeys, pseudonymKeys);
            intakeKeys = new JdbcIntakeKeys(
                    jdbc,
                    new GroupCommitTransactions(transactions, new SimpleMeterRegistry(), new JdbcAuditLog(jdbc)),
                    CLOCK,
                    Duration.ofDays(30));
            dispatched = new JdbcDispatchedMessages(jdbc);
            leases = new ClusterConfiguration()
                    .lockProvider(pool, new ClusterProperties(name, Duration.ofSeconds(30), Duration.ofSeconds(30)));
            bus.start();
        }

        private static ParticipantDirectory participants() throws Exception {
            try (var in = ClusterMechanismsIT.class.getResourceAsStream("/demo/participants.yaml")) {
                return new ParticipantFileReader()
                        .read("participants.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public void close() {
            bus.stop();
        }
    }

    @BeforeAll
    static void twoNodes() throws Exception {
        database = new ClusterDatabase();
        pki = Files.createTempDirectory("hub-cluster-pki-");
        filesOfA = demoAgreements("hub-cluster-agreements-a-");
        filesOfB = demoAgreements("hub-cluster-agreements-b-");
        a = new Node("node-a", filesOfA);
        b = new Node("node-b", filesOfB);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.bus.listening() && b.bus.listening());
    }

    /** A directory of its own holding the demo vanguard's agreement files. */
    private static Path demoAgreements(String prefix) throws Exception {
        Path directory = Files.createTempDirectory(prefix);
        for (var file : new PathMatchingResourcePatternResolver().getResources("classpath:demo/agreements/*.yaml")) {
            Files.write(
                    directory.resolve(java.util.Objects.requireNonNull(file.getFilename())),
                    file.getContentAsByteArray());
        }
        return directory;
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        database.close();
    }

    @Test
    @DisplayName("a certificate revoked through node A is refused by node B's handshakes within the bound")
    void revocationSeenByEveryNode() {
        BigInteger serial = issue();
        assertThat(b.certificates.isRevoked(serial)).isFalse();

        a.transaction.executeWithoutResult(status -> a.certificates.revoke(
                CertificateRegistry.serialOf(serial), RevocationReason.KEY_COMPROMISE, "officer"));
        Duration seen = timeUntil(() -> b.certificates.isRevoked(serial));

        System.out.printf("cluster bus: revocation on node A refused on node B after %d ms%n", seen.toMillis());
        assertThat(seen).isLessThan(BOUND);
    }

    @Test
    @DisplayName("a node that was not listening when a revocation was announced reloads it as soon as it listens again")
    void revocationMissedWhileDisconnectedIsReloaded() {
        BigInteger serial = issue();
        b.bus.stop();
        a.transaction.executeWithoutResult(status ->
                a.certificates.revoke(CertificateRegistry.serialOf(serial), RevocationReason.SUPERSEDED, "officer"));
        assertThat(b.certificates.isRevoked(serial))
                .as("B heard nothing: it was not listening")
                .isFalse();

        b.bus.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> b.certificates.isRevoked(serial));
    }

    @Test
    @DisplayName(
            "an agreement suspended on node A is out of force in node B's catalogue within the bound, and resumed likewise")
    void lifecycleSeenByEveryNode() {
        String id = "ISA-G81001-RCP-RS";
        assertThat(b.agreements.current().find(id).orElseThrow().status()).isEqualTo(AgreementStatus.ACTIVE);

        a.agreements.change(id, lifecycle -> lifecycle.suspend("cluster test", "officer", CLOCK));
        Duration seen =
                timeUntil(() -> b.agreements.current().find(id).orElseThrow().status() == AgreementStatus.SUSPENDED);
        System.out.printf("cluster bus: suspension on node A in force on node B after %d ms%n", seen.toMillis());
        assertThat(seen).isLessThan(BOUND);

        a.agreements.change(id, lifecycle -> lifecycle.resume("cluster test over", "officer", CLOCK));
        timeUntil(() -> b.agreements.current().find(id).orElseThrow().status() == AgreementStatus.ACTIVE);
        assertThat(b.agreements.refresh())
                .as("B already holds the log as it is: a refresh changes nothing")
                .isFalse();
    }

    @Test
    @DisplayName(
            "agreements added, revised and removed by a reload on node A are in force on node B within the bound, though B's own files never changed; a node started on B's older files keeps them")
    void reloadOnAFollowedByEveryNode() throws Exception {
        String id = "ISA-G81001-RCP-RELOAD";
        Path added = filesOfA.resolve("isa-reload-test.yaml");
        String text = Files.readString(filesOfA.resolve("isa-g81001-rcp-risk-stratification.yaml"))
                .replace("id: ISA-G81001-RCP-RS", "id: " + id);
        try {
            Files.writeString(added, text);
            a.agreements.reload("officer on node A");
            Duration seen = timeUntil(() -> b.agreements.current().find(id).isPresent());
            System.out.printf(
                    "cluster bus: an agreement added by a reload on node A in force on node B after %d ms%n",
                    seen.toMillis());
            assertThat(seen).isLessThan(BOUND);

            Files.writeString(added, text.replace("version: 1", "version: 2"));
            a.agreements.reload("officer on node A");
            timeUntil(() -> b.agreements.current().find(id).orElseThrow().version() == 2);
            assertThat(b.agreements.fileOf(id).orElseThrow().getValue()).contains("version: 2");

            int events = a.jdbc.queryForObject("select count(*) from agreement_event", Integer.class);
            try (Node restarted = new Node("node-b-restarted", filesOfB)) {
                assertThat(restarted.agreements.current().find(id).orElseThrow().version())
                        .as("a node started on older files holds the agreements in force")
                        .isEqualTo(2);
            }
            assertThat(a.jdbc.queryForObject("select count(*) from agreement_event", Integer.class))
                    .as("and records no revision of its own")
                    .isEqualTo(events);
        } finally {
            Files.deleteIfExists(added);
            a.agreements.reload("officer on node A");
        }
        timeUntil(() -> b.agreements.current().find(id).isEmpty());
        assertThat(b.agreements.lifecycles())
                .extracting(l -> l.asWritten().id())
                .doesNotContain(id);
    }

    @Test
    @DisplayName(
            "a sender's messages accepted on node A count against its fair share on node B, and stop counting once either node dispatched them")
    void fairShareCountsEveryNode() {
        Instant now = CLOCK.instant();
        String sender = "FS" + Long.toString(System.nanoTime() % 1000, 36).toUpperCase();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = java.util.UUID.randomUUID().toString();
            ids.add(id);
            a.intakeKeys.remember(id, sender, now);
        }
        b.intakeKeys.remember(java.util.UUID.randomUUID().toString(), sender, now);
        assertThat(b.intakeKeys.waitingBySender(now.minusSeconds(60))).containsEntry(sender, 4L);

        b.dispatched.record(ids.get(0), new DispatchedMessages.Dispatched(now, "{}"));
        a.dispatched.record(ids.get(1), new DispatchedMessages.Dispatched(now, "{}"));
        assertThat(a.intakeKeys.waitingBySender(now.minusSeconds(60))).containsEntry(sender, 2L);
        assertThat(b.intakeKeys.waitingBySender(now.plusSeconds(1)))
                .as("only messages accepted within the age bound count")
                .doesNotContainKey(sender);
    }

    @Test
    @DisplayName("signing and pseudonym keys rotated on node A are used by node B within the bound")
    void keyRotationsSeenByEveryNode() {
        String next = a.signingKeys.rotate();
        timeUntil(() -> b.signingKeys.currentKeyId().equals(next));

        String agreement = "ISA-G81001-RCP-RS";
        String first = a.pseudonymKeys.current(agreement).keyId();
        assertThat(b.pseudonymKeys.current(agreement).keyId()).isEqualTo(first);
        String rotated = a.pseudonymKeys.rotate(agreement);
        timeUntil(() -> b.pseudonymKeys.current(agreement).keyId().equals(rotated));
    }

    @Test
    @DisplayName("a singleton job under its lease runs on one node at a time, however both nodes' threads race for it")
    void leasesExcludeEachOther() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> racing = new ArrayList<>();
            for (Node node : List.of(a, b, a, b)) {
                var executor = new DefaultLockingTaskExecutor(node.leases);
                racing.add(threads.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        executor.executeWithLock(
                                (Runnable) () -> {
                                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                                    node.jdbc.queryForObject("select count(*) from audit_decision", Integer.class);
                                    runs.incrementAndGet();
                                    running.decrementAndGet();
                                },
                                new LockConfiguration(
                                        Instant.now(), "cluster-test-job", Duration.ofSeconds(30), Duration.ZERO));
                    }
                    return null;
                }));
            }
            for (Future<?> each : racing) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(most.get()).isEqualTo(1);
        assertThat(runs.get()).isPositive();
    }

    @Test
    @DisplayName(
            "a lease held by a node that died in its job passes to another node once its lockAtMostFor has run out")
    void leaseOfADeadNodeRunsOut() {
        String job = "cluster-test-dead-node";
        Optional<SimpleLock> dying =
                a.leases.lock(new LockConfiguration(Instant.now(), job, Duration.ofSeconds(2), Duration.ZERO));
        assertThat(dying)
                .as("A takes the lease, then dies without releasing it")
                .isPresent();
        long taken = System.nanoTime();
        assertThat(b.leases.lock(new LockConfiguration(Instant.now(), job, Duration.ofSeconds(30), Duration.ZERO)))
                .isEmpty();

        AtomicInteger attempts = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    attempts.incrementAndGet();
                    return b.leases
                            .lock(new LockConfiguration(Instant.now(), job, Duration.ofSeconds(30), Duration.ZERO))
                            .map(lock -> {
                                lock.unlock();
                                return true;
                            })
                            .orElse(false);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - taken)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(attempts.get()).isGreaterThan(1);
    }

    /** A participant certificate as the registry records one; only its serial matters here. */
    private static BigInteger issue() {
        BigInteger serial = new BigInteger(64, new java.security.SecureRandom()).setBit(63);
        Timestamp now = Timestamp.from(Instant.now());
        a.jdbc.update(
                "insert into issued_certificate (serial, subject, ods_code, kind, not_before, not_after, issued_at, status,"
                        + " pem) values (?, 'CN=CH001', 'CH001', 'participant', ?, ?, ?, 'active', 'test')",
                CertificateRegistry.serialOf(serial),
                now,
                Timestamp.from(Instant.now().plus(Duration.ofDays(1))),
                now);
        return serial;
    }

    private static Duration timeUntil(java.util.concurrent.Callable<Boolean> condition) {
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(2))
                .until(condition);
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
