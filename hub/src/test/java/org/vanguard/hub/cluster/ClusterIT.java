package org.vanguard.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vanguard.demo.traffic.DemoTraffic;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.TestPorts;
import org.vanguard.hub.cli.HubCli;
import org.vanguard.routes.HubHeaders;

/**
 * The cluster topology of deploy/cluster as separate processes on this machine: two ActiveMQ Artemis brokers from the
 * Maven Central distribution (a live/backup pair on a shared store), two hub nodes in the {@code cluster} profile on
 * the local PostgreSQL (a schema of their own), and a TCP balancer in front of the nodes' mutual-TLS ports. A
 * revocation and a suspension made on node A hold on node B, and a console session begun on node A is signed in on
 * node B; then a steady load from several senders through the balancer while node A is killed -9 (and started again)
 * and then the live broker is killed -9 (the backup takes over; the old live is started again afterwards): every
 * accepted message reaches each permitted recipient exactly once and in per-patient order, nothing reaches a denied
 * one, the audit is one chain, the senders saw only retryable errors, and neither node logged a request as a failure
 * of its own. The mailboxes are drained through the balancer, four acknowledgements at once.
 *
 * <p>In CI with 5,000 messages (hub/pom.xml's {@code cluster-it} execution, after the suites); alone,
 * {@code -Dhub.test.cluster=true} with {@code HUB_TEST_POSTGRES_URL}: 400 messages unless {@code -Dcluster.messages}
 * says otherwise. A notice the hub puts in a sender's mailbox about its own message (not forwarded, not delivered)
 * fails the run: the load's messages are all valid and in order, so each one is a message the cluster lost or
 * reordered (docs/cluster.md: one 5,000-message run in 16 since the intake fix reordered a patient's messages at a
 * failover, cause not yet found).
 */
@EnabledIfEnvironmentVariable(named = ClusterDatabase.URL, matches = "jdbc:postgresql:.+")
@EnabledIfSystemProperty(named = "artemis.home", matches = ".+")
@EnabledIfSystemProperty(named = "hub.test.cluster", matches = "true")
// Its processes have a PostgreSQL schema of their own whatever the suite: never run as part of the PostgreSQL pass.
@DisabledIfSystemProperty(named = "hub.test.database", matches = "postgresql")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int MESSAGES = Integer.getInteger("cluster.messages", 400);
    /** {@code cluster.nodes=1} runs the load through node A alone (the throughput figure for one node). */
    private static final int NODES = Integer.getInteger("cluster.nodes", 2);
    /** {@code cluster.chaos=false} runs the load without killing anything (the throughput figures). */
    private static final boolean CHAOS = Boolean.parseBoolean(System.getProperty("cluster.chaos", "true"));

    private static final int PATIENTS_PER_SENDER_THREAD = 25;
    private static final List<String> SENDER_THREADS =
            List.of("CH001", "CH001", "CH001", "CH001", "G81001", "G81001", "G81001", "G81001");
    private static final Map<String, List<String>> DESTINATIONS = Map.of(
            "CH001", List.of("RAC", "MDT01"),
            "G81001", List.of("CH001", "RAC"));
    /** The mailbox read over AMQP during the load: the GP practice's, which has a copy of every CH001 message. */
    private static final String AMQP_READER = "G81001";
    /** Every organisation a message of the load could reach (RCP is never a candidate; its certificate is revoked). */
    private static final List<String> MAILBOXES = List.of("CH001", "G81001", "RAC", "MDT01");

    private static final Instant VERSIONS_FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration START_WITHIN = Duration.ofMinutes(5);
    /** The bound docs/cluster.md states for a change on one node to hold on another (the bus's, with room for load). */
    private static final Duration BOUND = Duration.ofSeconds(2);

    static Path dir;
    static ClusterDatabase database;
    static OsProcess live;
    static OsProcess backup;
    static Node a;
    static Node b;
    static TcpBalancer balancer;
    /** Participants on the brokers' AMQP acceptors. */
    static BrokerAmqp amqp;
    /** Messages the tests before the load sent: not the load's. */
    static final Set<String> earlier = ConcurrentHashMap.newKeySet();
    /** Notices found in the mailboxes while draining, by mailbox, event and sender. */
    static final Map<String, AtomicInteger> notices = new ConcurrentHashMap<>();
    /** The messages those notices are about. */
    static final Set<String> noticed = ConcurrentHashMap.newKeySet();

    /** A hub node: its process and its own ports; the PKI directory is shared by both nodes. */
    record Node(String name, OsProcess process, int port, int consolePort, int managementPort) {

        HubClient client(String ods) throws Exception {
            return HubClient.of(dir.resolve("pki/participants/" + ods + ".p12"), dir.resolve("pki/ca.pem"), port);
        }

        HubClient officer() throws Exception {
            return HubClient.of(dir.resolve("pki/officers/ig-officer.p12"), dir.resolve("pki/ca.pem"), port);
        }

        /** An IG officer's admin call on this node, with a JSON body: it must succeed. */
        void officerPosts(String path, String json) throws Exception {
            HttpResponse<String> answer =
                    officer().post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(200);
        }

        void start() throws IOException {
            process.start(START_WITHIN, () -> Files.exists(dir.resolve("pki/participants/CH001.p12")) && answers(this));
        }
    }

    @BeforeAll
    static void topology() throws Exception {
        // Under target: the processes' logs stay beside the failsafe reports, and a clean build removes them.
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cluster-")
                .toAbsolutePath();
        System.out.printf("cluster: brokers, nodes and their logs in %s%n", dir);
        database = new ClusterDatabase();
        int livePort = TestPorts.free();
        int backupPort = TestPorts.free();
        int amqpLivePort = TestPorts.free();
        int amqpBackupPort = TestPorts.free();
        // The brokers' TLS for participants on AMQP, issued by the hub's CA before any node has started (the first
        // node then adopts that CA), as deploy/cluster/start-local.sh does.
        Path brokerTls = dir.resolve("broker-tls");
        assertThat(HubCli.run(
                        new String[] {
                            "broker-tls", "--pki", dir.resolve("pki").toString(), "--out", brokerTls.toString()
                        },
                        System.out,
                        System.err))
                .as("hub-cli broker-tls")
                .isZero();
        amqp = new BrokerAmqp(dir.resolve("pki"), brokerTls.resolve("broker-trust.p12"), amqpLivePort, amqpBackupPort);
        Path deploy = Path.of(System.getProperty("hub.deploy.dir", "../deploy/cluster"));
        ProcessBuilder creating = new ProcessBuilder(
                        "bash",
                        deploy.resolve("create-brokers.sh").toString(),
                        System.getProperty("artemis.home"),
                        dir.resolve("brokers").toString(),
                        String.valueOf(livePort),
                        String.valueOf(backupPort))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("create-brokers.log").toFile());
        creating.environment()
                .putAll(Map.of(
                        "BROKER_LIB",
                        Path.of(System.getProperty("hub.broker.lib", "target/broker-lib"))
                                .toAbsolutePath()
                                .toString(),
                        "BROKER_TLS_DIR",
                        brokerTls.toString(),
                        "AMQP_LIVE_PORT",
                        String.valueOf(amqpLivePort),
                        "AMQP_BACKUP_PORT",
                        String.valueOf(amqpBackupPort),
                        "BROKER_DATABASE_URL",
                        database.nodeUrl(),
                        "BROKER_DATABASE_USER",
                        database.brokerRole().user(),
                        "BROKER_DATABASE_PASSWORD",
                        database.brokerRole().password()));
        Process created = creating.start();
        assertThat(created.waitFor())
                .as("create-brokers.sh; see %s", dir.resolve("create-brokers.log"))
                .isZero();
        live = broker("live");
        backup = broker("backup");
        live.start(START_WITHIN, () -> live.said("AMQ221007"));
        backup.start(START_WITHIN, () -> backup.said("AMQ221031"));

        String brokerUrl = "(tcp://127.0.0.1:" + livePort + ",tcp://127.0.0.1:" + backupPort + ")?ha=true"
                + "&reconnectAttempts=-1&initialConnectAttempts=20&retryInterval=500&retryIntervalMultiplier=1.5"
                + "&maxRetryInterval=5000&callFailoverTimeout=30000";
        a = hub("hub-a", brokerUrl);
        a.start();
        b = hub("hub-b", brokerUrl);
        if (NODES > 1) {
            b.start();
        }
        List<InetSocketAddress> backends = new ArrayList<>(List.of(new InetSocketAddress("127.0.0.1", a.port())));
        if (NODES > 1) {
            backends.add(new InetSocketAddress("127.0.0.1", b.port()));
        }
        balancer = new TcpBalancer(0, backends);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (OsProcess process :
                new OsProcess[] {b == null ? null : b.process(), a == null ? null : a.process(), backup, live}) {
            if (process != null) {
                process.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a certificate revoked through node A is refused by node B within the bound")
    void revocationOnASeenOnB() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NODES > 1);
        assertThat(b.client("RCP").get("/mailbox/messages").statusCode()).isEqualTo(200);
        List<String> serials = JsonPath.read(
                a.officer().get("/admin/certificates").body(),
                "$[?(@.odsCode == 'RCP' && @.kind == 'participant' && @.status == 'active')].serial");
        assertThat(serials).hasSize(1);

        a.officerPosts("/admin/certificates/" + serials.get(0) + "/revoke", "{\"reason\":\"keyCompromise\"}");
        long at = System.nanoTime();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> refused(b.client("RCP")));
        System.out.printf(
                "cluster: revocation through node A refused by node B after %d ms%n",
                Duration.ofNanos(System.nanoTime() - at).toMillis());
    }

    @Test
    @Order(2)
    @DisplayName("an agreement suspended on node A stops the deliveries node B decides, within the bound")
    void suspensionOnAStopsB() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NODES > 1);
        String suspended = "ISA-MDT01-DC";
        a.officerPosts("/admin/agreements/" + suspended + "/suspend", "{\"reason\":\"cluster test\"}");
        long at = System.nanoTime();
        try {
            DemoTraffic traffic = DemoTraffic.fromClasspath();
            String nhs = DemoTraffic.patients(49_000, 1).get(0);
            HttpResponse<String> sent = b.client("CH001")
                    .post(
                            "/fhir/$process-message",
                            "application/fhir+json",
                            traffic.message("CH001", nhs, List.of("RAC", "MDT01"), 0, VERSIONS_FROM));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            String hubId = sent.headers().firstValue("X-Hub-Message-Id").orElseThrow();
            earlier.add(hubId);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> decisions(hubId, "MDT01").size() == 2);
            assertThat(decisions(hubId, "MDT01"))
                    .as("node B decided under the suspension made on node A")
                    .allMatch(decision -> decision.startsWith("DENY") && decision.contains("NO_AGREEMENT"));
            assertThat(decisions(hubId, "G81001")).containsOnly("PERMIT:");
            System.out.printf(
                    "cluster: suspension on node A in force for a message sent to node B %d ms later%n",
                    Duration.ofNanos(System.nanoTime() - at).toMillis());
        } finally {
            assertThat(a.officer()
                            .post(
                                    "/admin/agreements/" + suspended + "/resume",
                                    "application/json",
                                    "{\"reason\":\"cluster test over\"}".getBytes(StandardCharsets.UTF_8))
                            .statusCode())
                    .isEqualTo(200);
        }
        // The resumption holds on node B too before the load begins.
        HttpResponse<String> probe = b.client("CH001")
                .post(
                        "/fhir/$process-message",
                        "application/fhir+json",
                        DemoTraffic.fromClasspath()
                                .message(
                                        "CH001",
                                        DemoTraffic.patients(49_001, 1).get(0),
                                        List.of("RAC", "MDT01"),
                                        0,
                                        VERSIONS_FROM));
        String probeId = probe.headers().firstValue("X-Hub-Message-Id").orElseThrow();
        earlier.add(probeId);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> decisions(probeId, "MDT01").size() == 2);
        assertThat(decisions(probeId, "MDT01"))
                .as("the agreement is in force on node B again (MDT01 has no"
                        + " relationship with this patient, so it is still denied, but for that alone)")
                .noneMatch(decision -> decision.contains("NO_AGREEMENT"));
        awaitDispatched();
        for (String ods : MAILBOXES) {
            drain(ods, Set.of());
        }
    }

    @Test
    @Order(3)
    @DisplayName(
            "signed in on node A's console, the same browser session is signed in on node B's (sessions in the database)")
    void consoleSessionOnEveryNode() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NODES > 1);
        String passphrase = "a long passphrase for the cluster test";
        HttpResponse<String> made = a.officer()
                .post(
                        "/admin/users",
                        "application/json",
                        ("{\"username\":\"cluster-officer\",\"password\":\"" + passphrase
                                        + "\",\"roles\":[\"ig-officer\"]}")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);

        HttpClient browser = consoleClient(new CookieManager());
        String signInPage = browser.send(
                        HttpRequest.newBuilder(consoleUrl(a, "/console/sign-in"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signInPage);
        assertThat(csrf.find()).as(signInPage).isTrue();
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(consoleUrl(a, "/console/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=cluster-officer&password="
                                + URLEncoder.encode(passphrase, StandardCharsets.UTF_8) + "&_csrf="
                                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/console"));

        HttpResponse<String> onB = browser.send(
                HttpRequest.newBuilder(consoleUrl(b, "/console")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onB.statusCode())
                .as("node B's console, with the cookie node A set")
                .isEqualTo(200);
        assertThat(onB.body()).contains("Sign out");
        HttpResponse<String> stranger = consoleClient(new CookieManager())
                .send(HttpRequest.newBuilder(consoleUrl(b, "/console")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).as("node B's console without it").isEqualTo(302);
    }

    private static URI consoleUrl(Node node, String path) {
        return URI.create("https://127.0.0.1:" + node.consolePort() + path);
    }

    /** A browser-like client of the consoles: its own cookies (shared by both nodes' ports), trusting the hub's CA. */
    private static HttpClient consoleClient(CookieManager cookies) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(dir.resolve("pki/ca.pem"))) {
            trust.setCertificateEntry(
                    "hub-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        managers.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, managers.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** One message as its sender knows it: the same bytes go again until a node answers. */
    record Outgoing(String sender, String nhsNumber, int sequence, byte[] body) {}

    @Test
    @Order(4)
    @DisplayName(
            "participants on AMQP through the brokers: a message in by the AMQP intake, out of a mailbox, its receipt audited by a node; only their own queues; a revoked certificate refused")
    void participantsOnAmqp() throws Exception {
        String nhs = DemoTraffic.patients(49_002, 1).get(0);
        byte[] body = DemoTraffic.fromClasspath().message("CH001", nhs, List.of("RAC", "MDT01"), 0, VERSIONS_FROM);
        String hubId;
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        try (BrokerAmqp.Sender sender = new BrokerAmqp.Sender(amqp.failover("CH001"), "CH001")) {
            hubId = sender.sendUntilAccepted(body, errors);
        }
        assertThat(errors).as("nothing failed over").isEmpty();
        earlier.add(hubId);
        awaitDispatched();

        // The patient's GP practice reads its copy from its mailbox over AMQP and acknowledges it.
        try (jakarta.jms.Connection gp = amqp.failover("G81001").createConnection()) {
            gp.start();
            jakarta.jms.Session session = gp.createSession(false, jakarta.jms.Session.CLIENT_ACKNOWLEDGE);
            jakarta.jms.MessageConsumer mailbox = session.createConsumer(session.createQueue("hub.mailbox.G81001"));
            jakarta.jms.Message delivery = mailbox.receive(30_000);
            assertThat(delivery).as("G81001's copy over AMQP").isNotNull();
            assertThat(delivery.getStringProperty(HubHeaders.MESSAGE_ID)).isEqualTo(hubId);
            assertThat(delivery.getStringProperty(HubHeaders.SENDER))
                    .as("the sender is the certificate's, stamped by the broker")
                    .isEqualTo("CH001");
            assertThat(java.util.Collections.list(delivery.getPropertyNames()))
                    .as("no broker internals reach the client")
                    .noneMatch(name -> name.toString().startsWith("_AMQ_"));
            delivery.acknowledge();
            assertThat(mailbox.receive(1_000)).as("one copy").isNull();

            // CH001 cannot read another participant's mailbox.
            try (jakarta.jms.Connection other = amqp.failover("CH001").createConnection()) {
                other.start();
                jakarta.jms.Session otherSession = other.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> otherSession.createConsumer(otherSession.createQueue("hub.mailbox.G81001")))
                        .isInstanceOf(jakarta.jms.JMSSecurityException.class);
            }
        }
        await("the receipt over AMQP, recorded by a node")
                .atMost(Duration.ofSeconds(30))
                .until(() -> receipts(hubId, "G81001"), receipts -> receipts.equals(List.of("amqp/amqp")));

        if (NODES > 1) {
            // RCP's certificate was revoked through node A (the first test): the broker refuses it too.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                        try (jakarta.jms.Connection revoked = amqp.live("RCP").createConnection()) {
                            revoked.start();
                        }
                    })
                    .isInstanceOf(jakarta.jms.JMSSecurityException.class);
        }
    }

    /** Delivery id → how the delivery ledger says its recipient has it, for the deliveries named, awaited. */
    private static Map<String, String> ledgerWays(String recipient, Set<String> deliveryIds) throws Exception {
        Map<String, String> ways = new HashMap<>();
        await("the receipts of deliveries read over AMQP")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try (Connection connection = DriverManager.getConnection(
                                    database.nodeUrl(), ClusterDatabase.user(), ClusterDatabase.password());
                            var statement = connection.prepareStatement(
                                    "select delivery_id, how from delivered_delivery where recipient_ods = ?")) {
                        statement.setString(1, recipient);
                        ResultSet rows = statement.executeQuery();
                        ways.clear();
                        while (rows.next()) {
                            if (deliveryIds.contains(rows.getString(1))) {
                                ways.put(rows.getString(1), rows.getString(2));
                            }
                        }
                    }
                    return ways.size() == deliveryIds.size();
                });
        return ways;
    }

    /** The receipts of a delivery: {@code <audited way>/<ledger way>}, from the shared database. */
    private static List<String> receipts(String hubId, String recipient) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        database.nodeUrl(), ClusterDatabase.user(), ClusterDatabase.password());
                var statement = connection.prepareStatement("select a.action_name, d.how from audit_decision a"
                        + " join delivered_delivery d on d.delivery_id = a.delivery_id"
                        + " where a.event_kind = 'RECEIPT' and a.message_id = ? and a.recipient_ods = ?")) {
            statement.setString(1, hubId);
            statement.setString(2, recipient);
            List<String> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1) + "/" + rows.getString(2));
                }
            }
            return found;
        }
    }

    @Test
    @Order(5)
    @DisplayName(
            "a participant's revoked certificate is refused by the broker at once, though its other certificate has just logged in with the same subject, and its open connection is closed")
    void revokedSiblingCertificateOnAmqp() throws Exception {
        Path spare = dir.resolve("MDT01-spare.p12");
        assertThat(HubCli.run(
                        new String[] {
                            "csr",
                            "--ods",
                            "MDT01",
                            "--hub",
                            "https://127.0.0.1:" + a.port(),
                            "--officer-keystore",
                            dir.resolve("pki/officers/ig-officer.p12").toString(),
                            "--ca",
                            dir.resolve("pki/ca.pem").toString(),
                            "--out",
                            spare.toString(),
                            "--password",
                            "demo"
                        },
                        System.out,
                        System.err))
                .as("hub-cli csr: a second certificate for MDT01")
                .isZero();
        java.security.KeyStore spareStore = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(spare)) {
            spareStore.load(in, "demo".toCharArray());
        }
        String serial = ((java.security.cert.X509Certificate) spareStore.getCertificate("participant"))
                .getSerialNumber()
                .toString(16);
        Path usual = dir.resolve("pki/participants/MDT01.p12");

        // Before the revocation the spare certificate works, and stays connected.
        jakarta.jms.Connection open = amqp.live(spare).createConnection();
        try {
            open.setExceptionListener(failure -> {});
            jakarta.jms.Session openSession = open.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            openSession
                    .createConsumer(openSession.createQueue("hub.mailbox.MDT01"))
                    .close();

            a.officerPosts("/admin/certificates/" + serial + "/revoke", "{\"reason\":\"keyCompromise\"}");
            long revokedAt = System.nanoTime();

            // MDT01's usual certificate logs in (same subject): Artemis now holds a login for that subject for 2 s
            // (security-invalidation-interval), which the revoked certificate would meet without the session check.
            long loggingIn = System.nanoTime();
            try (jakarta.jms.Connection usualConnection = amqp.live(usual).createConnection()) {
                usualConnection.start();
                usualConnection
                        .createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE)
                        .close();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                            try (jakarta.jms.Connection again = amqp.live(spare).createConnection()) {
                                again.start();
                                again.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE)
                                        .createConsumer(new org.apache.qpid.jms.JmsQueue("hub.mailbox.MDT01"));
                            }
                        })
                        .isInstanceOf(jakarta.jms.JMSSecurityException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - loggingIn))
                        .as("refused while its sibling's login was cached (else the refusal proves nothing)")
                        .isLessThan(Duration.ofSeconds(2));
                await("the broker's session check, not its login, refused it")
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> live.times("Refused a session from") > 0);
                // The refusal is not cached against the subject: the usual certificate still gets in.
                try (jakarta.jms.Connection stillGood = amqp.live(usual).createConnection()) {
                    stillGood.start();
                    jakarta.jms.Session session = stillGood.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                    session.createConsumer(session.createQueue("hub.mailbox.MDT01"))
                            .close();
                }
            }

            // The connection the spare certificate opened before its revocation is closed by the brokers' sweep
            // (every 5 s).
            await("the revoked certificate's open connection closed")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        try {
                            openSession
                                    .createConsumer(openSession.createQueue("hub.mailbox.MDT01"))
                                    .close();
                            return false;
                        } catch (jakarta.jms.JMSException closed) {
                            return true;
                        }
                    });
            System.out.printf(
                    "cluster: a revoked certificate's open AMQP connection closed %d ms after the revocation%n",
                    Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
        } finally {
            try {
                open.close();
            } catch (jakarta.jms.JMSException alreadyClosed) {
                // The broker closed it.
            }
        }
    }

    @Test
    @Order(6)
    @DisplayName(
            "400 messages (-Dcluster.messages=5000 for the full run) through the balancer while node A and then the live broker are killed -9: exactly once, in order, one audit chain, only retryable errors")
    void steadyLoadThroughFailures() throws Exception {
        DemoTraffic traffic = DemoTraffic.fromClasspath();
        Map<String, Outgoing> accepted = new ConcurrentHashMap<>();
        ConcurrentSkipListSet<Long> acceptedAt = new ConcurrentSkipListSet<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDER_THREADS.size() + 2);
        // When each sender thread finished, by channel: the HTTPS senders' last and the AMQP sender's.
        Map<String, ConcurrentSkipListSet<Long>> finished = new ConcurrentHashMap<>();
        List<Future<?>> running = new ArrayList<>();
        // The HTTP senders and one sender over AMQP share the messages, at least MESSAGES in all.
        int perThread = (MESSAGES + SENDER_THREADS.size()) / (SENDER_THREADS.size() + 1);
        long started = System.nanoTime();
        for (int thread = 0; thread < SENDER_THREADS.size(); thread++) {
            String sender = SENDER_THREADS.get(thread);
            List<String> patients = DemoTraffic.patients(thread + 1, PATIENTS_PER_SENDER_THREAD);
            running.add(senders.submit(() -> {
                HubClient[] client = {viaBalancer(sender)};
                for (int i = 0; i < perThread; i++) {
                    String nhs = patients.get(i % patients.size());
                    int sequence = i / patients.size();
                    Outgoing message = new Outgoing(
                            sender,
                            nhs,
                            sequence,
                            traffic.message(
                                    sender,
                                    nhs,
                                    DESTINATIONS.get(sender),
                                    sequence,
                                    VERSIONS_FROM.plusSeconds(sequence)));
                    accepted.put(sendUntilAccepted(client, message, errors), message);
                    acceptedAt.add(System.nanoTime());
                    count.incrementAndGet();
                }
                finished.computeIfAbsent("https", k -> new ConcurrentSkipListSet<>())
                        .add(System.nanoTime());
                return null;
            }));
        }
        // One more of CH001's systems sends over AMQP, through the brokers' failover, patients of its own.
        List<String> amqpPatients = DemoTraffic.patients(SENDER_THREADS.size() + 1, PATIENTS_PER_SENDER_THREAD);
        running.add(senders.submit(() -> {
            try (BrokerAmqp.Sender sender = new BrokerAmqp.Sender(amqp.failover("CH001"), "CH001")) {
                for (int i = 0; i < perThread; i++) {
                    String nhs = amqpPatients.get(i % amqpPatients.size());
                    int sequence = i / amqpPatients.size();
                    Outgoing message = new Outgoing(
                            "CH001",
                            nhs,
                            sequence,
                            traffic.message(
                                    "CH001",
                                    nhs,
                                    DESTINATIONS.get("CH001"),
                                    sequence,
                                    VERSIONS_FROM.plusSeconds(sequence)));
                    accepted.put(sender.sendUntilAccepted(message.body(), errors), message);
                    acceptedAt.add(System.nanoTime());
                    count.incrementAndGet();
                }
            }
            finished.computeIfAbsent("amqp", k -> new ConcurrentSkipListSet<>()).add(System.nanoTime());
            return null;
        }));
        // The GP practice's system reads its mailbox over AMQP while all this goes on, through the same failovers.
        java.util.concurrent.atomic.AtomicBoolean dispatched = new java.util.concurrent.atomic.AtomicBoolean();
        Future<Map<String, BrokerAmqp.Read>> readOverAmqp =
                senders.submit(() -> BrokerAmqp.readMailbox(amqp.failover(AMQP_READER), AMQP_READER, dispatched::get));
        long nodeKilledAt = 0;
        long brokerKilledAt = 0;
        Future<?> restartingA = null;
        if (CHAOS) {
            await().atMost(Duration.ofMinutes(10)).until(() -> count.get() >= MESSAGES / 4 || anyFailed(running));
            a.process().kill();
            nodeKilledAt = System.nanoTime();
            ExecutorService restarter = Executors.newSingleThreadExecutor();
            restartingA = restarter.submit(() -> {
                a.start();
                return null;
            });
            restarter.shutdown();
            await().atMost(Duration.ofMinutes(10)).until(() -> count.get() >= MESSAGES / 2 || anyFailed(running));
            live.kill();
            brokerKilledAt = System.nanoTime();
        }
        for (Future<?> sender : running) {
            sender.get(20, java.util.concurrent.TimeUnit.MINUTES);
        }
        int sent = perThread * (SENDER_THREADS.size() + 1);
        long sendingTook = System.nanoTime() - started;
        senders.shutdown();
        if (restartingA != null) {
            restartingA.get(START_WITHIN.toMinutes() + 1, java.util.concurrent.TimeUnit.MINUTES);
        }
        if (CHAOS) {
            // The old live comes back; on a shared store it takes over from the backup again (fail-back).
            live.start(START_WITHIN, () -> live.times("AMQ221006") > 1);
        }
        assertThat(accepted).hasSize(sent);
        awaitDispatched();
        dispatched.set(true);
        Map<String, BrokerAmqp.Read> overAmqp = readOverAmqp.get(5, java.util.concurrent.TimeUnit.MINUTES);
        long endToEnd = System.nanoTime() - started;

        System.out.printf(
                "cluster: %d nodes, %d messages accepted in %.1f s (%.0f msg/s), all delivered after %.1f s"
                        + " (%.0f msg/s end to end); errors seen by the senders %s%n",
                NODES,
                accepted.size(),
                sendingTook / 1e9,
                accepted.size() / (sendingTook / 1e9),
                endToEnd / 1e9,
                accepted.size() / (endToEnd / 1e9),
                errors);
        System.out.printf(
                "cluster: the HTTPS senders were done after %.1f s, the AMQP sender after %.1f s%n",
                (finished.get("https").last() - started) / 1e9,
                (finished.get("amqp").last() - started) / 1e9);
        if (CHAOS) {
            System.out.printf(
                    "cluster: node A killed -9: next message accepted %d ms later; live broker killed -9:"
                            + " next message accepted %d ms later%n",
                    gapAfter(acceptedAt, nodeKilledAt), gapAfter(acceptedAt, brokerKilledAt));
        }

        // Each mailbox's deliveries, delivery id -> message, in the order read: a delivery read twice (its
        // acknowledgement lost in a failover) is one delivery, as a participant's system tells them apart.
        Map<String, List<String>> mailboxes = new HashMap<>();
        Map<String, String> drainedFromReader = Map.of();
        for (String ods : MAILBOXES) {
            Map<String, String> drained = drain(ods, accepted.keySet());
            if (ods.equals(AMQP_READER)) {
                drainedFromReader = drained;
            }
            mailboxes.put(ods, new ArrayList<>(drained.values()));
        }
        // The reader's deliveries: those read over AMQP, then any a failover left for the REST drain.
        Map<String, String> readerDeliveries = new java.util.LinkedHashMap<>();
        for (var read : overAmqp.entrySet()) {
            String from = read.getValue().sender();
            if (AMQP_READER.equals(from) || HubHeaders.HUB_SENDER.equals(from)) {
                notices.computeIfAbsent(
                                AMQP_READER + " " + read.getValue().event() + " from " + from, k -> new AtomicInteger())
                        .incrementAndGet();
                noticed.add(read.getValue().hubMessageId());
            } else {
                readerDeliveries.put(read.getKey(), read.getValue().hubMessageId());
            }
        }
        int readOverAmqpOnly = readerDeliveries.size();
        drainedFromReader.forEach(readerDeliveries::putIfAbsent);
        mailboxes.put(AMQP_READER, new ArrayList<>(readerDeliveries.values()));
        assertThat(readerDeliveries.values())
                .as("%s read over AMQP only messages the cluster accepted", AMQP_READER)
                .isSubsetOf(accepted.keySet());
        Map<String, String> ledger = ledgerWays(AMQP_READER, overAmqp.keySet());
        System.out.printf(
                "cluster: %s read %d deliveries over AMQP (%d more left for the REST drain); ledger ways %s%n",
                AMQP_READER,
                overAmqp.size(),
                readerDeliveries.size() - readOverAmqpOnly,
                ledger.values().stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                way -> way, java.util.stream.Collectors.counting())));
        assertThat(overAmqp)
                .as("%s had deliveries to read over AMQP", AMQP_READER)
                .isNotEmpty();
        assertThat(ledger.keySet())
                .as("every delivery read over AMQP is in the delivery ledger once (its receipt, or its REST ack)")
                .containsExactlyInAnyOrderElementsOf(overAmqp.keySet());
        Set<String> ackedOverRest = drainedFromReader.keySet();
        assertThat(ledger.entrySet())
                .as("a delivery read and acknowledged over AMQP is in the ledger by its AMQP receipt")
                .allMatch(way ->
                        ackedOverRest.contains(way.getKey()) || way.getValue().equals("amqp"));
        String verdict = viaBalancer("officer").get("/admin/audit/verify").body();
        System.out.printf("cluster: notices in the mailboxes %s, about %s%n", notices, noticed);
        Map<String, Map<String, Map<String, String>>> audit = auditByMessage();

        assertThat(JsonPath.<Boolean>read(verdict, "$.intact")).as(verdict).isTrue();
        assertThat(a.process().times("The hub failed to handle a request")
                        + b.process().times("The hub failed to handle a request"))
                .as(
                        "no request logged as a failure of the hub's own (ERROR): a broker failing over is a 503 with"
                                + " Retry-After and a WARN; see %s",
                        dir)
                .isZero();
        assertThat(a.process().times("carries no broker-validated user")
                        + b.process().times("carries no broker-validated user"))
                .as("every AMQP intake message keeps the broker's sender stamp, failovers included; see %s", dir)
                .isZero();
        assertThat(notices)
                .as("no message of the load is refused or dead-lettered: no notice to its sender")
                .isEmpty();
        assertThat(org.vanguard.hub.metrics.PrometheusScrape.of(b.managementPort()))
                .as("nothing on the brokers' dead-letter address, as node B asks the live broker's management")
                .containsEntry("hub_broker_dead_depth", 0.0);
        assertThat(errors.keySet())
                .as("only retryable errors: connections lost, 503 with Retry-After, AMQP failovers")
                .allMatch(kind -> kind.startsWith("io:") || kind.equals("503+Retry-After") || retryableOverAmqp(kind));
        SoftAssertions soft = new SoftAssertions();
        for (var entry : accepted.entrySet()) {
            String hubId = entry.getKey();
            Set<String> candidates = candidatesFor(entry.getValue().sender());
            Map<String, Map<String, String>> decisions = audit.getOrDefault(hubId, Map.of());
            soft.assertThat(decisions.keySet())
                    .as("audited recipients of %s", hubId)
                    .isEqualTo(candidates);
            for (String recipient : candidates) {
                Map<String, String> byResource = decisions.getOrDefault(recipient, Map.of());
                boolean permitted = byResource.containsValue("PERMIT");
                long copies =
                        mailboxes.get(recipient).stream().filter(hubId::equals).count();
                soft.assertThat(copies)
                        .as("copies of %s in %s's mailbox", hubId, recipient)
                        .isEqualTo(permitted ? 1 : 0);
            }
        }
        for (var mailbox : mailboxes.entrySet()) {
            Map<String, Integer> last = new HashMap<>();
            for (String hubId : mailbox.getValue()) {
                soft.assertThat(audit.getOrDefault(hubId, Map.of()).get(mailbox.getKey()))
                        .as("decision behind %s in %s", hubId, mailbox.getKey())
                        .containsValue("PERMIT");
                Outgoing message = accepted.get(hubId);
                Integer previous = last.put(message.sender() + "/" + message.nhsNumber(), message.sequence());
                soft.assertThat(previous == null || previous < message.sequence())
                        .as("order of %s/%s in %s's mailbox", message.sender(), message.nhsNumber(), mailbox.getKey())
                        .isTrue();
            }
        }
        soft.assertAll();
        assertThat(mailboxes.get("RAC")).as("RAC has no agreement with anyone").isEmpty();
    }

    /**
     * What an AMQP sender may meet in a failover: a send, receive or commit failing with the connection (a JMS
     * exception of its own kind, never a security refusal or an unknown destination), no answer in time, or the hub's
     * BUSY / OVER_SHARE with a retry-after.
     */
    private static boolean retryableOverAmqp(String kind) {
        return kind.equals("amqp:no answer")
                || kind.equals("amqp:refused BUSY")
                || kind.equals("amqp:refused OVER_SHARE")
                || (kind.matches("amqp:[A-Za-z]*Exception")
                        && !kind.equals("amqp:JMSSecurityException")
                        && !kind.equals("amqp:InvalidDestinationException")
                        && !kind.equals("amqp:MessageFormatException"));
    }

    /** Who a sender's message is decided for: its destinations and the patient's GP practice, never itself. */
    private static Set<String> candidatesFor(String sender) {
        Set<String> candidates = new HashSet<>(DESTINATIONS.get(sender));
        candidates.add("G81001");
        candidates.remove(sender);
        return candidates;
    }

    /** Sends the same bytes until a node answers 200, counting what went wrong on the way by kind. */
    private static String sendUntilAccepted(HubClient[] client, Outgoing message, Map<String, AtomicInteger> errors) {
        String[] hubId = new String[1];
        await("an answer for a message from " + message.sender())
                .pollInSameThread()
                .atMost(Duration.ofMinutes(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try {
                        HttpResponse<String> answer =
                                client[0].post("/fhir/$process-message", "application/fhir+json", message.body());
                        if (answer.statusCode() == 200) {
                            hubId[0] = answer.headers()
                                    .firstValue("X-Hub-Message-Id")
                                    .orElseThrow();
                            return true;
                        }
                        String kind = answer.statusCode()
                                + (answer.headers().firstValue("Retry-After").isPresent() ? "+Retry-After" : "");
                        errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() < 500 && answer.statusCode() != 429) {
                            throw new AssertionError(
                                    "a valid message refused: " + answer.statusCode() + " " + answer.body());
                        }
                    } catch (IOException lost) {
                        errors.computeIfAbsent("io:" + lost.getClass().getSimpleName(), k -> new AtomicInteger())
                                .incrementAndGet();
                        client[0] = viaBalancer(message.sender());
                    }
                    return false;
                });
        return hubId[0];
    }

    private static HubClient viaBalancer(String ods) {
        try {
            Path keystore = ods.equals("officer")
                    ? dir.resolve("pki/officers/ig-officer.p12")
                    : dir.resolve("pki/participants/" + ods + ".p12");
            return HubClient.of(keystore, dir.resolve("pki/ca.pem"), balancer.port());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a whole mailbox through the balancer, oldest first, a page at a time, and acknowledges each page's entries
     * four at once (each worker's connection goes to either node): the hub message ids in the order read.
     */
    private static Map<String, String> drain(String ods, Set<String> accepted) throws Exception {
        Map<String, String> delivered = new java.util.LinkedHashMap<>();
        HubClient[] client = {viaBalancer(ods)};
        ExecutorService ackers = Executors.newFixedThreadPool(4);
        try {
            while (true) {
                List<Map<String, Object>> entries =
                        JsonPath.read(retrying(client, ods, "/mailbox/messages", false), "$.messages");
                if (entries.isEmpty()) {
                    return delivered;
                }
                List<Future<?>> acks = new ArrayList<>();
                for (Map<String, Object> entry : entries) {
                    String path = "/mailbox/messages/" + entry.get("id") + "/ack";
                    acks.add(ackers.submit(() -> retrying(new HubClient[] {viaBalancer(ods)}, ods, path, true)));
                }
                record(ods, entries, accepted, delivered);
                for (Future<?> ack : acks) {
                    ack.get(5, java.util.concurrent.TimeUnit.MINUTES);
                }
            }
        } finally {
            ackers.shutdown();
        }
    }

    /** Counts a page's notices and adds its deliveries to {@code delivered} (delivery id -> message), in the order read. */
    private static void record(
            String ods, List<Map<String, Object>> entries, Set<String> accepted, Map<String, String> delivered) {
        for (Map<String, Object> entry : entries) {
            String hubId = (String) entry.get("messageId");
            if (ods.equals(entry.get("sender")) || HubHeaders.HUB_SENDER.equals(entry.get("sender"))) {
                // The hub's notice to a sender about its own message (sender "vanguard-hub"), not a delivery.
                notices.computeIfAbsent(
                                ods + " " + entry.get("event") + " from " + entry.get("sender"),
                                k -> new AtomicInteger())
                        .incrementAndGet();
                noticed.add(hubId);
            } else if (!accepted.isEmpty() && !earlier.contains(hubId)) {
                assertThat(accepted)
                        .as("a delivery in %s's mailbox for a message never accepted", ods)
                        .contains(hubId);
                delivered.putIfAbsent((String) entry.get("id"), hubId);
            }
        }
    }

    /** A mailbox call, again while the broker fails back (connection lost or 503): the balancer's clients retry. */
    private static String retrying(HubClient[] client, String ods, String path, boolean ack) {
        String[] body = new String[1];
        boolean[] lost = {false};
        await("mailbox " + path)
                .pollInSameThread()
                .atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try {
                        HttpResponse<String> answer =
                                ack ? client[0].post(path, null, new byte[0]) : client[0].get(path);
                        body[0] = answer.body();
                        if (ack && answer.statusCode() == 404 && !lost[0]) {
                            // Several workers acknowledge at once, through both nodes: the delivery was listed, so
                            // "not in your mailbox" is wrong unless an earlier attempt's answer was lost.
                            throw new AssertionError("acknowledging " + path + ": 404 " + answer.body());
                        }
                        return ack
                                ? answer.statusCode() == 204 || answer.statusCode() == 404
                                : answer.statusCode() == 200;
                    } catch (IOException connectionLost) {
                        lost[0] = true;
                        client[0] = viaBalancer(ods);
                        return false;
                    }
                });
        return body[0];
    }

    private static void awaitDispatched() {
        await("the intake queue drained")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try {
                        List<Integer> intake = JsonPath.read(
                                viaBalancer("officer").get("/admin/queues").body(),
                                "$[?(@.queue == 'hub.intake.accepted')].waiting");
                        return intake.size() == 1 && intake.get(0) == 0;
                    } catch (IOException notNow) {
                        return false;
                    }
                });
    }

    /**
     * message id → recipient → resource type → the outcome that took effect (the last dispatch decision in the chain),
     * from the shared database; fails on a decision recorded twice (the same idempotency key). A message redelivered
     * after a node or the broker died is decided again; an identical decision is not recorded again, one that changed
     * meanwhile (a relationship learned from another message) is, and the later one is what took effect.
     */
    private static Map<String, Map<String, Map<String, String>>> auditByMessage() throws Exception {
        Map<String, Map<String, Map<String, String>>> audit = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(
                        database.nodeUrl(), ClusterDatabase.user(), ClusterDatabase.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet twice = statement.executeQuery("select decision_key, count(*) from audit_decision"
                    + " where decision_key is not null group by decision_key having count(*) > 1")) {
                assertThat(twice.next()).as("a decision recorded twice").isFalse();
            }
            try (ResultSet rows = statement.executeQuery("select message_id, recipient_ods, resource_type, outcome"
                    + " from audit_decision where event_kind = 'DISPATCH' order by seq")) {
                int redecided = 0;
                while (rows.next()) {
                    String previous = audit.computeIfAbsent(rows.getString(1), id -> new HashMap<>())
                            .computeIfAbsent(rows.getString(2), r -> new HashMap<>())
                            .put(rows.getString(3), rows.getString(4));
                    redecided += previous == null ? 0 : 1;
                }
                System.out.printf(
                        "cluster: %d dispatch decisions taken again with another outcome after a redelivery%n",
                        redecided);
            }
        }
        return audit;
    }

    /** The outcomes recorded for a message and recipient, as {@code outcome:reasons}, from the shared database. */
    private static List<String> decisions(String hubId, String recipient) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        database.nodeUrl(), ClusterDatabase.user(), ClusterDatabase.password());
                var statement = connection.prepareStatement(
                        "select outcome, reason_codes from audit_decision where message_id = ?"
                                + " and recipient_ods = ? and (event_kind is null or event_kind <> 'RECEIPT')")) {
            statement.setString(1, hubId);
            statement.setString(2, recipient);
            List<String> outcomes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    outcomes.add(rows.getString(1) + ":" + (rows.getString(2) == null ? "" : rows.getString(2)));
                }
            }
            return outcomes;
        }
    }

    private static boolean refused(HubClient client) {
        try {
            return client.get("/mailbox/messages").statusCode() != 200;
        } catch (IOException | InterruptedException refusedAtTheHandshake) {
            return true;
        }
    }

    private static boolean answers(Node node) {
        try {
            return node.client("CH001").get("/fhir/metadata").statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static boolean anyFailed(List<Future<?>> running) {
        return running.stream().anyMatch(Future::isDone);
    }

    private static long gapAfter(ConcurrentSkipListSet<Long> acceptedAt, long at) {
        Long next = acceptedAt.ceiling(at);
        return next == null ? -1 : Duration.ofNanos(next - at).toMillis();
    }

    private static OsProcess broker(String name) {
        Path instance = dir.resolve("brokers").resolve(name);
        return new OsProcess(
                "broker " + name,
                List.of(instance.resolve("bin/artemis").toString(), "run"),
                Map.of(),
                dir.resolve(name + ".log"));
    }

    private static Node hub(String name, String brokerUrl) throws IOException {
        int port = TestPorts.free();
        int consolePort = TestPorts.free();
        int managementPort = TestPorts.free();
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = Path.of(System.getProperty("hub.jar", "target/vanguard-hub-0.1.0-SNAPSHOT.jar"));
        List<String> command = List.of(
                java,
                "-Xmx640m",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString(),
                "--spring.profiles.active=demo,cluster",
                "--hub.data-dir=" + dir.resolve(name),
                "--hub.pki.directory=" + dir.resolve("pki"),
                "--hub.governance.drafts=" + dir.resolve("drafts"),
                "--hub.audit.anchor.anchor-file=" + dir.resolve("anchors/checkpoints.jsonl"),
                "--hub.cluster.node-id=" + name,
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--hub.console.port=" + consolePort,
                "--spring.flyway.schemas=" + database.schema(),
                "--logging.level.root=WARN",
                "--logging.level.org.vanguard=WARN",
                // A message refused as stale at dispatch ("is not forwarded"), with its time, beside the failovers.
                "--logging.level.org.vanguard.routes.dispatch=INFO");
        Map<String, String> environment = Map.of(
                "HUB_BROKER_URL",
                brokerUrl,
                "HUB_BROKER_USER",
                "hub",
                "HUB_BROKER_PASSWORD",
                "hub",
                "HUB_DATASOURCE_URL",
                database.nodeUrl(),
                "HUB_DATASOURCE_USERNAME",
                ClusterDatabase.user(),
                "HUB_DATASOURCE_PASSWORD",
                ClusterDatabase.password());
        return new Node(
                name,
                new OsProcess(name, command, environment, dir.resolve(name + ".log")),
                port,
                consolePort,
                managementPort);
    }
}
