package org.vanguard.hub.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.demo.traffic.DemoTraffic;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.TestPorts;

/**
 * Issue #5's crash proof. Several senders send 2,000 messages to the hub running as its own process; while
 * they flow the hub is killed with SIGKILL and started again on the same data directory. A sender that got no
 * answer sends the same message again, as a provider system does. Then every accepted message must be in each
 * permitted recipient's mailbox exactly once, in per-patient order; nothing may reach a denied recipient; and
 * the audit must hold exactly one decision for every candidate recipient and resource of every message.
 */
class CrashRecoveryIT {

    private static final int MESSAGES = Integer.getInteger("crash.messages", 2_000);
    private static final int KILL_AFTER = MESSAGES / 3;
    private static final int PATIENTS_PER_SENDER_THREAD = 20;

    /** Sender threads: two per sending organisation, each with patients of its own so per-patient order is defined. */
    private static final List<String> SENDER_THREADS = List.of("CH001", "CH001", "G81001", "G81001");
    /** Who each sender's messages name, besides the patient's GP practice (G81001). */
    private static final Map<String, List<String>> DESTINATIONS = Map.of(
            "CH001", List.of("RAC", "MDT01"),
            "G81001", List.of("CH001", "RAC"));
    /** Every organisation that could be a recipient, to prove nothing reached where it was denied. */
    private static final List<String> MAILBOXES = List.of("CH001", "G81001", "RAC", "RCP", "MDT01");

    /**
     * How long a start may take before the test gives up: 120 s, or {@code -Dhub.crash.start-seconds} on a machine
     * busier than CI's (the senders keep resending for up to 5 minutes meanwhile).
     */
    private static final Duration START = Duration.ofSeconds(Integer.getInteger("hub.crash.start-seconds", 120));

    private static final Instant VERSIONS_FROM = Instant.parse("2026-11-23T00:00:00Z");

    private HubProcess hub;

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.stop();
        }
    }

    /** One message as its sender knows it: the same bytes are sent again until the hub answers. */
    record Outgoing(String sender, String nhsNumber, int sequence, byte[] body) {}

    @Test
    @DisplayName(
            "2,000 messages, the hub killed -9 mid-flow and restarted: every accepted message reaches each permitted mailbox once, in order, and the audit is complete")
    void killNineMidFlow() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-crash-");
        Path jar = Path.of(System.getProperty("hub.jar", "target/vanguard-hub-0.1.0-SNAPSHOT.jar"));
        Path log = Path.of(System.getProperty("hub.crash.log", "target/crash-recovery-hub.log"));
        Files.deleteIfExists(log);
        hub = new HubProcess(jar, dataDir, TestPorts.free(), log);
        long began = System.nanoTime();
        hub.start(START);
        long started = System.nanoTime();
        DemoTraffic traffic = DemoTraffic.fromClasspath();

        Map<String, Outgoing> accepted = new ConcurrentHashMap<>();
        AtomicInteger acceptedCount = new AtomicInteger();
        AtomicInteger resends = new AtomicInteger();
        CountDownLatch killPoint = new CountDownLatch(KILL_AFTER);
        Map<String, String> history = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(SENDER_THREADS.size());
        List<Future<?>> running = new ArrayList<>();
        int perThread = MESSAGES / SENDER_THREADS.size();
        for (int thread = 0; thread < SENDER_THREADS.size(); thread++) {
            String sender = SENDER_THREADS.get(thread);
            List<String> patients = DemoTraffic.patients(thread, PATIENTS_PER_SENDER_THREAD);
            running.add(senders.submit(() -> {
                Map<String, HubClient> clients = new HashMap<>();
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
                    int before = resends.get();
                    String hubId = sendUntilAnswered(clients, message, resends);
                    accepted.put(hubId, message);
                    history.put(
                            hubId,
                            (killed.get() ? "accepted after the kill" : "accepted before the kill")
                                    + (resends.get() > before ? ", after resending" : ""));
                    acceptedCount.incrementAndGet();
                    killPoint.countDown();
                }
                return null;
            }));
        }

        while (!killPoint.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            for (Future<?> sender : running) {
                if (sender.isDone()) {
                    sender.get();
                }
            }
        }
        hub.kill();
        killed.set(true);
        int acceptedBeforeCrash = acceptedCount.get();
        long killedAt = System.nanoTime();
        hub.start(START);
        long restarted = System.nanoTime();
        for (Future<?> sender : running) {
            sender.get();
        }
        senders.shutdown();
        assertThat(accepted).hasSize(MESSAGES);
        long allAccepted = System.nanoTime();

        awaitDispatchFinished();
        long dispatched = System.nanoTime();
        Map<String, List<String>> mailboxes = new HashMap<>();
        for (String ods : MAILBOXES) {
            mailboxes.put(ods, drainMailbox(ods, accepted));
        }
        long drained = System.nanoTime();
        String queuesAfterDrain = hub.officer().get("/admin/queues").body();
        hub.stop();
        Map<String, Map<String, Map<String, String>>> audit = auditByMessage(dataDir);

        System.out.printf(
                "crash test: %d accepted (%d before the kill), %d resent after no answer, mailboxes %s%n",
                accepted.size(),
                acceptedBeforeCrash,
                resends.get(),
                mailboxes.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().size())
                        .toList());
        System.out.println("queues after the mailboxes were drained: " + queuesAfterDrain);
        System.out.printf(
                "crash test phases (s): start %.1f, send to the kill %.1f, restart %.1f, send the rest %.1f,"
                        + " dispatch %.1f, drain %.1f%n",
                (started - began) / 1e9,
                (killedAt - started) / 1e9,
                (restarted - killedAt) / 1e9,
                (allAccepted - restarted) / 1e9,
                (dispatched - allAccepted) / 1e9,
                (drained - dispatched) / 1e9);

        SoftAssertions soft = new SoftAssertions();
        for (var entry : accepted.entrySet()) {
            String hubId = entry.getKey();
            Outgoing message = entry.getValue();
            Map<String, Map<String, String>> decisions = audit.getOrDefault(hubId, Map.of());
            Set<String> candidates = new HashSet<>(DESTINATIONS.get(message.sender()));
            candidates.add("G81001");
            candidates.remove(message.sender());
            soft.assertThat(decisions.keySet())
                    .as(
                            "audited recipients of %s (%s %s seq %d, %s)",
                            hubId, message.sender(), message.nhsNumber(), message.sequence(), history.get(hubId))
                    .isEqualTo(candidates);
            for (String recipient : candidates) {
                Map<String, String> byResource = decisions.getOrDefault(recipient, Map.of());
                soft.assertThat(byResource.keySet())
                        .as("audited resources of %s for %s", hubId, recipient)
                        .containsExactlyInAnyOrder("Patient", "CarePlan");
                boolean permitted = byResource.containsValue("PERMIT");
                long copies =
                        mailboxes.get(recipient).stream().filter(hubId::equals).count();
                soft.assertThat(copies)
                        .as(
                                "copies of %s in %s's mailbox (%s %s seq %d, %s)",
                                hubId,
                                recipient,
                                message.sender(),
                                message.nhsNumber(),
                                message.sequence(),
                                history.get(hubId))
                        .isEqualTo(permitted ? 1 : 0);
            }
        }
        for (var mailbox : mailboxes.entrySet()) {
            for (String hubId : mailbox.getValue()) {
                soft.assertThat(audit.getOrDefault(hubId, Map.of()).get(mailbox.getKey()))
                        .as("decision behind %s in %s", hubId, mailbox.getKey())
                        .containsValue("PERMIT");
            }
            assertPerPatientOrder(soft, mailbox.getKey(), mailbox.getValue(), accepted);
        }
        soft.assertAll();
        assertThat(mailboxes.get("RAC")).as("RAC has no agreement with anyone").isEmpty();
        long fromCareHome = accepted.values().stream()
                .filter(m -> m.sender().equals("CH001"))
                .count();
        assertThat(mailboxes.get("G81001"))
                .as("the GP practice receives every care home message")
                .hasSize((int) fromCareHome);
        assertThat(Files.readAllLines(log))
                .as(
                        "the hub's log through start, crash, restart and drain (%s): a sender"
                                + " arriving before the hub is ready is told to retry, not logged as the hub's failure",
                        log)
                .noneMatch(line -> line.contains(" ERROR "));
    }

    /**
     * Sends the same bytes until the hub answers, as a provider system does when a request gets no answer: the
     * first send, then one every 200 ms while the hub is down. A refusal of a valid message fails the test.
     */
    private String sendUntilAnswered(Map<String, HubClient> clients, Outgoing message, AtomicInteger resends) {
        AtomicReference<String> hubId = new AtomicReference<>();
        AtomicBoolean first = new AtomicBoolean(true);
        org.awaitility.Awaitility.await("an answer for a message from " + message.sender())
                .pollInSameThread()
                .atMost(Duration.ofMinutes(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!first.getAndSet(false)) {
                        resends.incrementAndGet();
                    }
                    try {
                        HubClient client = clients.computeIfAbsent(message.sender(), this::clientOf);
                        HttpResponse<String> answer =
                                client.post("/fhir/$process-message", "application/fhir+json", message.body());
                        if (answer.statusCode() == 200) {
                            hubId.set(answer.headers()
                                    .firstValue("X-Hub-Message-Id")
                                    .orElseThrow());
                            return true;
                        }
                        if (answer.statusCode() < 500) {
                            throw new AssertionError(
                                    "the hub refused a valid message: " + answer.statusCode() + " " + answer.body());
                        }
                        if (answer.statusCode() != 503
                                || answer.headers().firstValue("Retry-After").isEmpty()) {
                            throw new AssertionError("the hub failed, rather than asking the sender to retry: "
                                    + answer.statusCode() + " " + answer.body());
                        }
                    } catch (IOException noAnswer) {
                        clients.remove(message.sender());
                    }
                    return false;
                });
        return hubId.get();
    }

    private HubClient clientOf(String ods) {
        try {
            return hub.client(ods);
        } catch (Exception e) {
            throw new IllegalStateException("no client keystore for " + ods, e);
        }
    }

    /**
     * Reads and acknowledges everything in a mailbox, oldest first; returns the hub message ids in delivery order. Each
     * page's deliveries are acknowledged four at a time, as a recipient's system with several workers would: the order
     * is the listing's, and the next page is read only when every delivery of this one is acknowledged.
     */
    private List<String> drainMailbox(String ods, Map<String, Outgoing> accepted) throws Exception {
        HubClient client = hub.client(ods);
        List<String> delivered = new ArrayList<>();
        ExecutorService acknowledging = Executors.newFixedThreadPool(4);
        try {
            while (true) {
                String listing = client.get("/mailbox/messages").body();
                List<Map<String, Object>> entries = JsonPath.read(listing, "$.messages");
                if (entries.isEmpty()) {
                    return delivered;
                }
                List<Future<Integer>> acks = new ArrayList<>();
                for (Map<String, Object> entry : entries) {
                    String hubId = (String) entry.get("messageId");
                    assertThat(accepted)
                            .as("a delivery in %s's mailbox for a message never accepted", ods)
                            .containsKey(hubId);
                    delivered.add(hubId);
                    acks.add(acknowledging.submit(
                            () -> client.post("/mailbox/messages/" + entry.get("id") + "/ack", null, new byte[0])
                                    .statusCode()));
                }
                for (Future<Integer> ack : acks) {
                    assertThat(ack.get()).isEqualTo(204);
                }
            }
        } finally {
            acknowledging.shutdownNow();
        }
    }

    /** Dispatch has finished when the intake queue holds nothing: not waiting, not mid-delivery, not scheduled. */
    private void awaitDispatchFinished() throws Exception {
        HubClient officer = hub.officer();
        org.awaitility.Awaitility.await("the intake queue drained")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    List<Integer> intake = JsonPath.read(
                            officer.get("/admin/queues").body(), "$[?(@.queue == 'hub.intake.accepted')].waiting");
                    return intake.size() == 1 && intake.get(0) == 0;
                });
    }

    private static void assertPerPatientOrder(
            SoftAssertions soft, String ods, List<String> delivered, Map<String, Outgoing> accepted) {
        Map<String, Integer> lastSequence = new HashMap<>();
        for (String hubId : delivered) {
            Outgoing message = accepted.get(hubId);
            String key = message.sender() + "/" + message.nhsNumber();
            Integer previous = lastSequence.put(key, message.sequence());
            if (previous != null) {
                soft.assertThat(message.sequence())
                        .as("order of %s's messages for %s in %s's mailbox", message.sender(), message.nhsNumber(), ods)
                        .isGreaterThan(previous);
            }
        }
    }

    /** message id → recipient → resource type → outcome; fails on any duplicated decision. */
    private static Map<String, Map<String, Map<String, String>>> auditByMessage(Path dataDir) throws Exception {
        Map<String, Map<String, Map<String, String>>> audit = new HashMap<>();
        String url = "jdbc:h2:file:" + dataDir.resolve("db/hub") + ";ACCESS_MODE_DATA=r";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select message_id, recipient_ods, resource_type, outcome from audit_decision"
                                + " where event_kind is null or event_kind <> 'RECEIPT'")) {
            while (rows.next()) {
                String previous = audit.computeIfAbsent(rows.getString(1), id -> new HashMap<>())
                        .computeIfAbsent(rows.getString(2), r -> new HashMap<>())
                        .put(rows.getString(3), rows.getString(4));
                assertThat(previous)
                        .as(
                                "decision for %s to %s about %s recorded twice",
                                rows.getString(1), rows.getString(2), rows.getString(3))
                        .isNull();
            }
        }
        return audit;
    }
}
