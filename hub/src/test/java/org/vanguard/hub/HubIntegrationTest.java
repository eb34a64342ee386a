package org.vanguard.hub;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub as it runs: real HTTPS with the certificates it generated on start, the embedded Artemis with
 * its persistent journal and the database ({@link TestDatabase}: H2, or PostgreSQL), under a data directory of
 * its own. The application context is shared: every test class with the same configuration (most of them) runs
 * against the same started hub, as Spring's context cache allows, so a test owns its data by giving it identities
 * of its own (patients, message ids, participants it registers) rather than by starting a hub of its own. A class
 * that changes the configuration ({@code @TestPropertySource}) gets a hub of its own, shared with no one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The access monitor's schedule writes its alerts to the audit chain; on a hub shared by many classes that
        // would add rows while a test counts them. AccessMonitoringIT runs the check itself.
        properties = "hub.monitoring.interval=P1D")
@Import(TestDatabase.SchemaCleanup.class)
public abstract class HubIntegrationTest {

    protected static final String FHIR_JSON = "application/fhir+json";

    /**
     * A property that gives a test class a hub of its own when what it asserts is the whole hub's (access monitoring
     * over everyone's traffic): {@code @TestPropertySource(properties = OWN_HUB + "=<class>")} with {@code @DirtiesContext}.
     */
    public static final String OWN_HUB = "hub.test.own-hub";

    @Value("${hub.data-dir}")
    protected Path dataDir;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected EmbeddedActiveMQ broker;

    /** Runs once per application context, so every context has a broker, PKI and database of its own. */
    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        String directory = newDataDirectory().toString();
        registry.add("hub.data-dir", () -> directory);
        registry.add("management.server.port", () -> "0");
        // The console's port too: never the default 8444, which a running hub or another test JVM may hold.
        registry.add("hub.console.port", () -> "0");
        // The AMQP acceptor's port: never the default 5671, which a running hub may hold.
        int amqpPort = TestPorts.free();
        registry.add("hub.broker.amqp-port", () -> amqpPort);
    }

    private static Path newDataDirectory() {
        try {
            return Files.createTempDirectory("hub-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HubClient as(String ods) throws Exception {
        return HubClient.of(dataDir.resolve("pki/participants/" + ods + ".p12"), caPem(), port);
    }

    protected HubClient asOfficer() throws Exception {
        return HubClient.of(dataDir.resolve("pki/officers/ig-officer.p12"), caPem(), port);
    }

    protected HubClient withoutCertificate() throws Exception {
        return HubClient.of(null, caPem(), port);
    }

    /** A PKCS#12 trust store (password {@code demo}) holding the hub's CA, for clients that read one from a file. */
    protected Path caTrustStore(Path directory) throws Exception {
        Path file = directory.resolve("hub-ca.p12");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (java.io.InputStream in = Files.newInputStream(caPem())) {
            store.setCertificateEntry(
                    "hub-ca",
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "demo".toCharArray());
        }
        return file;
    }

    protected Path caPem() {
        return dataDir.resolve("pki/ca.pem");
    }

    /**
     * A writable copy of the demo agreements (those named, or all of them), for a test that changes an agreement
     * file and reloads: point {@code hub.governance.agreements} at {@code file:<dir>/*.yaml}.
     */
    protected static Path copyOfDemoAgreements(String... names) {
        try {
            Path dir = Files.createTempDirectory("hub-agreements-");
            for (org.springframework.core.io.Resource agreement :
                    new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                            .getResources("classpath:demo/agreements/*.yaml")) {
                if (names.length == 0 || java.util.Arrays.asList(names).contains(agreement.getFilename())) {
                    try (var in = agreement.getInputStream()) {
                        Files.copy(in, dir.resolve(agreement.getFilename()));
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static byte[] demoMessage() throws IOException {
        try (var in = HubIntegrationTest.class.getResourceAsStream("/demo/messages/careplan-update.json")) {
            return in.readAllBytes();
        }
    }

    /** The demo message's own id ({@code MessageHeader.id}), from which the hub derives its message id. */
    protected static final String DEMO_MESSAGE_ID = "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01";

    /**
     * The demo message as a new message: the same records, under a message id of its own, so that on a hub other
     * tests share it is dispatched again rather than recognised as the demo message sent before.
     */
    protected static byte[] demoMessageWithId(String messageHeaderId) throws IOException {
        return new String(demoMessage(), java.nio.charset.StandardCharsets.UTF_8)
                .replace(DEMO_MESSAGE_ID, messageHeaderId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The demo message as a new message, under a random message id. */
    protected static byte[] newDemoMessage() throws IOException {
        return demoMessageWithId(java.util.UUID.randomUUID().toString());
    }

    /**
     * A patient of the calling test's own (a valid NHS number from a random series of the synthetic range that no
     * fixed series of another test uses), so that searches and mailboxes on the shared hub find only what the test
     * itself sent about them.
     */
    protected static String newPatient() {
        return org.vanguard.demo.traffic.DemoTraffic.patients(
                        10_000
                                + java.util.concurrent.ThreadLocalRandom.current()
                                        .nextInt(38_000),
                        1)
                .get(0);
    }

    /**
     * The demo message about {@code nhs}: a message id and a CarePlan of its own, and a Patient record whose id derives
     * from the NHS number (so messages about one patient share one Patient record, and no other test's record is
     * overwritten).
     */
    protected static byte[] newDemoMessageAbout(String nhs) throws IOException {
        return new String(newDemoMessage(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("9434765919", nhs)
                .replace(
                        "0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c",
                        java.util
                                .UUID
                                .nameUUIDFromBytes(("patient|" + nhs).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .toString())
                .replace(
                        "9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d",
                        java.util.UUID.randomUUID().toString())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** What waits in the participant's mailbox from this hub message: a test's own, whatever other tests left there. */
    protected static List<Map<String, Object>> waitingFrom(HubClient participant, String hubMessageId)
            throws Exception {
        return JsonPath.read(
                participant.get("/mailbox/messages").body(), "$.messages[?(@.messageId == '" + hubMessageId + "')]");
    }

    protected long messagesEverAddedTo(String queue) {
        Queue found = broker.getActiveMQServer().locateQueue(queue);
        return found == null ? 0 : found.getMessagesAdded();
    }

    /**
     * Waits until dispatch has committed everything accepted so far: the intake queue is empty and nothing is
     * being delivered. Audit rows alone are not enough, they are written just before the JMS transaction commits.
     */
    protected void awaitDispatched() {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> drained("hub.intake.accepted") && drained("hub.dispatch.set-aside"));
    }

    /** Waits until the intake queue is drained, leaving what was set aside to be dispatched alone where it is. */
    protected void awaitIntakeDrained() {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> drained("hub.intake.accepted"));
    }

    /** Nothing waiting on the queue and nothing being delivered from it (a queue not yet created is drained). */
    private boolean drained(String queueName) {
        Queue queue = broker.getActiveMQServer().locateQueue(queueName);
        return queue == null || queue.getMessageCount() == 0 && queue.getDeliveringCount() == 0;
    }

    protected int auditRows() {
        return jdbc.queryForObject("select count(*) from audit_decision", Integer.class);
    }
}
