package org.vanguard.bench.load;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.vanguard.demo.traffic.DemoTraffic;

/**
 * The peer benchmark (#14): the same {@link DemoTraffic} Patient/CarePlan load, in one run on one machine, to a HAPI
 * FHIR JPA server with a consent interceptor (bench-peer) as FHIR transactions, and to the hub as messages; one table.
 * <ul>
 * <li>peer: each transaction (PUT Patient, PUT CarePlan) carries {@code X-Purpose-Of-Use: TREAT} and
 *     {@code X-Recipients} (the message's destinations and the patient's GP practice). Its 200 means the consent
 *     service decided and the records were committed, so accepted and stored-and-decided are one rate.</li>
 * <li>hub: the message is accepted (durably queued) at 200; decided (and minimised, signed, delivered) once the intake
 *     queue is empty, read from {@code /admin/queues} as {@link LoadHarness} does.</li>
 * </ul>
 * Each server gets the same closed loop (the same sender threads, senders and patients), one after the other, so
 * neither competes with the other's load; both run for the whole run. CPU per message is the server process's user
 * plus system time ({@code /proc/<pid>/stat}) from the phase's start to the last message decided, over the messages
 * decided; resident memory is the highest {@code VmRSS} sampled each second in the phase.
 *
 * <p>Options: {@code --hub=https://localhost:8443/ --peer=https://localhost:8445/ --pki=data/pki --senders=32
 * --seconds=30 --warm-up=60 --hub-pid=N --peer-pid=N}.
 */
public final class PeerComparison {

    private static final Map<String, List<String>> DESTINATIONS = LoadHarness.destinations();
    /** The patient's GP practice: the hub adds it as a recipient of every message about the patient. */
    private static final String GP = "G81001";

    private final Map<String, HubConnection> hub = new HashMap<>();
    private final Map<String, HubConnection> peer = new HashMap<>();
    private final HubConnection officer;
    private final DemoTraffic traffic = DemoTraffic.fromClasspath();
    private final AtomicLong clock = new AtomicLong(Instant.now().toEpochMilli());

    private PeerComparison(URI hubUri, URI peerUri, Path pki) throws Exception {
        Path ca = pki.resolve("ca.pem");
        for (String ods : DESTINATIONS.keySet()) {
            Path keystore = pki.resolve("participants/" + ods + ".p12");
            hub.put(ods, HubConnection.of(hubUri, keystore, ca));
            peer.put(ods, HubConnection.of(peerUri, keystore, ca));
        }
        officer = HubConnection.of(hubUri, pki.resolve("officers/ig-officer.p12"), ca);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LoadHarness.options(args);
        URI hubUri = URI.create(options.getOrDefault("hub", "https://localhost:8443/"));
        URI peerUri = URI.create(options.getOrDefault("peer", "https://localhost:8445/"));
        Path pki = Path.of(options.getOrDefault("pki", "data/pki"));
        int threads = Integer.parseInt(options.getOrDefault("senders", "32"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "60"));
        long hubPid = Long.parseLong(options.getOrDefault("hub-pid", "0"));
        long peerPid = Long.parseLong(options.getOrDefault("peer-pid", "0"));
        PeerComparison run = new PeerComparison(hubUri, peerUri, pki);
        System.out.printf(
                "Peer benchmark: hub %s, peer %s, %d sender threads, %d s per server, %d s warm-up each, %d cores%n",
                hubUri, peerUri, threads, seconds, warmUp, Runtime.getRuntime().availableProcessors());

        run.checkPeerConsent();

        LoadHarness.closedLoop(run::toPeer, threads, warmUp, 1000);
        LoadHarness.closedLoop(run::toHub, threads, warmUp, 1000);
        LoadHarness.awaitIntakeEmpty(run.officer);
        System.out.println("warm-up done");

        ProcessUsage peerUsage = ProcessUsage.start(peerPid);
        LoadHarness.Phase peerPhase = LoadHarness.closedLoop(run::toPeer, threads, seconds, 5000);
        ProcessUsage.Sample peerEnd = peerUsage.stop();
        double peerSeconds = Duration.between(peerPhase.started(), peerEnd.at()).toNanos() / 1e9;

        ProcessUsage hubUsage = ProcessUsage.start(hubPid);
        LoadHarness.Phase hubPhase = LoadHarness.closedLoop(run::toHub, threads, seconds, 6000);
        LoadHarness.awaitIntakeEmpty(run.officer);
        ProcessUsage.Sample hubEnd = hubUsage.stop();
        double hubSeconds = Duration.between(hubPhase.started(), hubEnd.at()).toNanos() / 1e9;

        double peerDecided = peerPhase.accepted() / peerSeconds;
        double hubDecided = hubPhase.accepted() / hubSeconds;
        System.out.println();
        System.out.println(
                "| server | accepted/s | stored and decided/s | accept p50 | accept p99 | CPU per message | highest RSS |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        row("HAPI FHIR JPA + ConsentInterceptor (transaction)", peerPhase, peerDecided, peerEnd);
        row("Vanguard Hub (message, decided and delivered)", hubPhase, hubDecided, hubEnd);
        System.out.println();
        System.out.printf(
                "hub / peer, stored and decided per second, same run: %.1fx (hub %.0f/s, peer %.0f/s)%n",
                hubDecided / peerDecided, hubDecided, peerDecided);
        System.out.printf("refused or failed: peer %d, hub %d%n", peerPhase.failed(), hubPhase.failed());
    }

    private static void row(String name, LoadHarness.Phase phase, double decided, ProcessUsage.Sample usage) {
        System.out.printf(
                "| %s | %.0f | %.0f | %.1f ms | %.1f ms | %s | %s |%n",
                name,
                phase.rate(),
                decided,
                phase.latencies().percentileMillis(0.50),
                phase.latencies().percentileMillis(0.99),
                usage.cpuTicks() < 0 ? "n/a" : String.format("%.2f ms", usage.cpuMillisEach(phase.accepted())),
                usage.highestRssKib() < 0 ? "n/a" : (usage.highestRssKib() / 1024) + " MiB");
    }

    private HttpResponse<String> toPeer(String sender, String nhs, int version) throws Exception {
        byte[] body = traffic.transaction(sender, nhs, version, Instant.ofEpochMilli(clock.incrementAndGet()));
        return peer.get(sender).post("/fhir", body, peerHeaders(sender));
    }

    private HttpResponse<String> toHub(String sender, String nhs, int version) throws Exception {
        byte[] body = traffic.message(
                sender, nhs, DESTINATIONS.get(sender), version, Instant.ofEpochMilli(clock.incrementAndGet()));
        return hub.get(sender).post("/fhir/$process-message", body);
    }

    private static Map<String, String> peerHeaders(String sender) {
        List<String> recipients = new java.util.ArrayList<>(DESTINATIONS.get(sender));
        if (!recipients.contains(GP) && !sender.equals(GP)) {
            recipients.add(GP);
        }
        return Map.of("X-Purpose-Of-Use", "TREAT", "X-Recipients", String.join(",", recipients));
    }

    /**
     * Before the load: a patient who has opted out (an active Consent that denies) must be refused by the peer, so
     * the run shows the peer's consent check is real.
     */
    private void checkPeerConsent() throws Exception {
        String nhs = DemoTraffic.patients(49_999, 1).get(0);
        String consent = "{\"resourceType\":\"Consent\",\"id\":\"opt-out-" + nhs + "\",\"status\":\"active\","
                + "\"scope\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/consentscope\","
                + "\"code\":\"patient-privacy\"}]},"
                + "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}],"
                + "\"patient\":{\"reference\":\"Patient/opted-out-" + nhs + "\"},"
                + "\"provision\":{\"type\":\"deny\"}}";
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"opted-out-" + nhs + "\",\"identifier\":[{\"system\":"
                + "\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"" + nhs + "\"}]}";
        HubConnection ch001 = peer.get("CH001");
        Map<String, String> purpose = Map.of("X-Purpose-Of-Use", "TREAT");
        int patientStatus = ch001.put(
                        "/fhir/Patient/opted-out-" + nhs, patient.getBytes(StandardCharsets.UTF_8), purpose)
                .statusCode();
        int consentStatus = ch001.put("/fhir/Consent/opt-out-" + nhs, consent.getBytes(StandardCharsets.UTF_8), purpose)
                .statusCode();
        int refused = toPeer("CH001", nhs, 1).statusCode();
        int noPurpose = peer.get("CH001")
                .post("/fhir", traffic.transaction("CH001", nhs, 1, Instant.now()), Map.of())
                .statusCode();
        System.out.printf(
                "peer consent check: opt-out Patient %d and Consent %d stored; that patient's transaction -> %d,"
                        + " a transaction without a purpose of use -> %d (403 expected for both)%n",
                patientStatus, consentStatus, refused, noPurpose);
    }
}
