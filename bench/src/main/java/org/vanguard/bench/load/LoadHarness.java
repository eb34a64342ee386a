package org.vanguard.bench.load;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vanguard.demo.traffic.DemoTraffic;

/**
 * Drives a running hub over mutual-TLS HTTPS and prints, in one run:
 * <ol>
 * <li>the bare pipeline's rate (parse and durable queue, no enforcement: {@code /bench/$process-message},
 *     enabled on the hub with {@code hub.bench.bare-pipeline=true});</li>
 * <li>the full hub's rate with every message decided, minimised, signed and delivered: the accept rate, and the
 *     end-to-end rate up to the moment the intake queue is empty (read from {@code /admin/queues});</li>
 * <li>the ratio of the two, end to end over bare, for the same run;</li>
 * <li>at a fixed offered rate (open loop: each request is timed from when it was due, so a stalled hub cannot hide its
 *     queueing): accept latency, and send-to-delivery latency up to the moment each recipient took the delivery from
 *     its mailbox, with the intake backlog sampled through the phase.</li>
 * </ol>
 * The recipients ({@link Recipients}) take their deliveries over AMQP for the whole run, as participants do, so the
 * mailboxes stay short and the hub's cost of handing deliveries over is part of what is measured
 * ({@code --recipients=false} leaves the mailboxes to fill, as the harness did before).
 * Senders are the care home (CH001) and the GP practice (G81001), each thread with patients of its own so that
 * no two requests race over one patient's record.
 */
public final class LoadHarness {

    private static final Map<String, List<String>> DESTINATIONS = Map.of(
            "CH001", List.of("RAC", "MDT01"),
            "G81001", List.of("CH001", "RAC"));
    private static final int PATIENTS_PER_THREAD = 500;

    /** The senders and the destinations their messages name (the peer benchmark sends the same). */
    static Map<String, List<String>> destinations() {
        return DESTINATIONS;
    }

    private final Map<String, HubConnection> senders = new HashMap<>();
    private final HubConnection officer;
    private final DemoTraffic traffic = DemoTraffic.fromClasspath();
    /** Versions move forward from now, a millisecond a message, so a later run is never older than what the hub holds. */
    private final AtomicLong clock = new AtomicLong(Instant.now().toEpochMilli());

    private static final Pattern HUB_MESSAGE_ID =
            Pattern.compile("\"identifier\"\\s*:\\s*\\{[^}]*\"value\"\\s*:\\s*\"([^\"]+)\"");

    private LoadHarness(URI hub, Path pki) throws Exception {
        Path ca = pki.resolve("ca.pem");
        for (String ods : DESTINATIONS.keySet()) {
            senders.put(ods, HubConnection.of(hub, pki.resolve("participants/" + ods + ".p12"), ca));
        }
        officer = HubConnection.of(hub, pki.resolve("officers/ig-officer.p12"), ca);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI hub = URI.create(options.getOrDefault("hub", "https://localhost:8443/"));
        Path pki = Path.of(options.getOrDefault("pki", "data/pki"));
        int threads = Integer.parseInt(options.getOrDefault("senders", "32"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", String.valueOf(seconds)));
        List<String> phases =
                List.of(options.getOrDefault("phases", "bare,full,open").split(","));
        LoadHarness harness = new LoadHarness(hub, pki);
        System.out.printf(
                "Vanguard Hub load harness: %s, %d sender threads, %d s per phase, %d cores here%n",
                hub, threads, seconds, Runtime.getRuntime().availableProcessors());
        Recipients recipients = Boolean.parseBoolean(options.getOrDefault("recipients", "true"))
                ? Recipients.start(
                        hub.getHost(),
                        Integer.parseInt(options.getOrDefault("amqp-port", "5671")),
                        pki,
                        List.of("CH001", "G81001", "RAC", "RCP", "MDT01"))
                : null;

        harness.closedLoop("/fhir/$process-message", threads, warmUp, 1000);
        harness.awaitIntakeEmpty();
        System.out.println("warm-up done");

        double bareRate = Double.NaN;
        if (phases.contains("bare")) {
            Phase bare = harness.closedLoop("/bench/$process-message", threads, seconds, 2000);
            bareRate = bare.rate();
            System.out.printf(
                    "bare pipeline (parse + durable queue):   %8.0f msg/s accepted; accept %s%n",
                    bare.rate(), bare.latencies().summary());
        }
        if (phases.contains("full")) {
            Phase full = harness.closedLoop("/fhir/$process-message", threads, seconds, 3000);
            Instant drained = harness.awaitIntakeEmpty();
            double endToEnd =
                    full.accepted() / (Duration.between(full.started(), drained).toNanos() / 1e9);
            System.out.printf(
                    "full enforcement, accepted:              %8.0f msg/s; accept %s%n",
                    full.rate(), full.latencies().summary());
            System.out.printf(
                    "full enforcement, decided and delivered: %8.0f msg/s (until the intake queue was empty)%n",
                    endToEnd);
            if (!Double.isNaN(bareRate)) {
                System.out.printf(
                        "end to end / bare, same run: %.2f (decided and delivered %.0f msg/s, bare %.0f msg/s)%n",
                        endToEnd / bareRate, endToEnd, bareRate);
            }
        }
        if (phases.contains("open")) {
            Backlog backlog = harness.new Backlog();
            backlog.start();
            Phase open = harness.openLoop(rate, seconds, 4000);
            harness.awaitIntakeEmpty();
            backlog.stop();
            System.out.printf(
                    "open loop at %d msg/s offered: %d accepted, %d refused or failed; accept %s%n",
                    rate, open.accepted(), open.failed(), open.latencies().summary());
            System.out.printf(
                    "open loop intake backlog (messages waiting, every %d s): %s%n",
                    Backlog.EVERY_SECONDS, backlog.samples());
            if (recipients != null) {
                harness.awaitDeliveriesSettled(recipients);
                Latencies delivered = new Latencies();
                int without = 0;
                for (Map.Entry<String, Long> sent : open.dueById().entrySet()) {
                    List<Long> at = recipients.receivedAt(sent.getKey());
                    if (at.isEmpty()) {
                        without++;
                    }
                    at.forEach(received -> delivered.add((received - sent.getValue()) / 1000));
                }
                System.out.printf(
                        "open loop send to delivery (each recipient's receipt, from when the send was due): %s;"
                                + " %d accepted messages had no delivery (denied to every recipient, or not delivered)%n",
                        delivered.summary(), without);
            }
        }
        if (recipients != null) {
            System.out.printf(
                    "deliveries taken by the recipients over AMQP during the run: %d%n", recipients.deliveries());
            recipients.close();
        }
    }

    /** The intake queue's depth, sampled every few seconds on a scheduler of its own while the open loop runs. */
    private final class Backlog implements Runnable {

        static final int EVERY_SECONDS = 5;
        private final List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        void start() {
            scheduler.scheduleAtFixedRate(this, 0, EVERY_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void run() {
            try {
                Matcher waiting =
                        INTAKE_WAITING.matcher(officer.get("/admin/queues").body());
                samples.add(waiting.find() ? Long.parseLong(waiting.group(1)) : -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                samples.add(-1L);
            }
        }

        void stop() {
            scheduler.shutdownNow();
        }

        List<Long> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }
    }

    /** Waits until the recipients have taken no delivery for two seconds (or a minute has passed). */
    private void awaitDeliveriesSettled(Recipients recipients) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long last = -1;
        while (System.nanoTime() < deadline && recipients.deliveries() != last) {
            last = recipients.deliveries();
            Thread.sleep(2000);
        }
    }

    /** What one phase measured. */
    record Phase(
            Instant started, int accepted, int failed, double rate, Latencies latencies, Map<String, Long> dueById) {}

    /** Each thread sends as fast as the hub answers. */
    private Phase closedLoop(String path, int threads, int seconds, int series) throws Exception {
        return closedLoop(
                (sender, nhs, version) -> senders.get(sender).post(path, next(sender, nhs, version)),
                threads,
                seconds,
                series);
    }

    /** One request of a closed loop: the given version of a message about a patient, from a sender. */
    interface Attempt {
        HttpResponse<String> send(String sender, String nhs, int version) throws Exception;
    }

    /**
     * Each thread (CH001 and G81001 in turn, with patients of its own) sends as fast as the server answers, for the
     * given seconds; a 2xx answer counts as accepted, anything else (the first three printed) as failed.
     */
    static Phase closedLoop(Attempt attempt, int threads, int seconds, int series) throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant started = Instant.now();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.submit(() -> {
                String sender = thread % 2 == 0 ? "CH001" : "G81001";
                List<String> patients = DemoTraffic.patients(series + thread, PATIENTS_PER_THREAD);
                int i = 0;
                while (System.nanoTime() < deadline) {
                    String nhs = patients.get(i++ % patients.size());
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> answer = attempt.send(sender, nhs, i);
                        if (answer.statusCode() / 100 == 2) {
                            accepted.incrementAndGet();
                        } else if (failed.incrementAndGet() <= 3) {
                            System.out.println("refused: " + answer.statusCode() + " " + answer.body());
                        }
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.out.println("failed: " + e);
                        }
                    }
                    latencies.add((System.nanoTime() - start) / 1000);
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = Duration.between(started, Instant.now()).toNanos() / 1e9;
        return new Phase(started, accepted.get(), failed.get(), accepted.get() / elapsed, latencies, Map.of());
    }

    /** Requests are due at a fixed rate whether or not earlier ones have been answered. */
    private Phase openLoop(int rate, int seconds, int series) throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(256);
        Map<String, Long> dueById = new java.util.concurrent.ConcurrentHashMap<>();
        int total = rate * seconds;
        List<List<String>> patients = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            patients.add(DemoTraffic.patients(series + p, PATIENTS_PER_THREAD));
        }
        Instant started = Instant.now();
        long origin = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = origin + (long) (i * (1e9 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            pool.submit(() -> {
                String sender = n % 2 == 0 ? "CH001" : "G81001";
                List<String> cohort = patients.get(n % patients.size());
                byte[] body = next(sender, cohort.get((n / patients.size()) % cohort.size()), n);
                String hubMessageId = send("/fhir/$process-message", sender, body, accepted, failed);
                latencies.add((System.nanoTime() - due) / 1000);
                if (hubMessageId != null) {
                    dueById.put(hubMessageId, due);
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        double elapsed = Duration.between(started, Instant.now()).toNanos() / 1e9;
        return new Phase(started, accepted.get(), failed.get(), accepted.get() / elapsed, latencies, dueById);
    }

    private byte[] next(String sender, String nhs, int version) {
        return traffic.message(
                sender, nhs, DESTINATIONS.get(sender), version, Instant.ofEpochMilli(clock.incrementAndGet()));
    }

    /** Sends one message; returns the hub's id for it when accepted (null otherwise). */
    private String send(String path, String sender, byte[] body, AtomicInteger accepted, AtomicInteger failed) {
        try {
            HttpResponse<String> answer = senders.get(sender).post(path, body);
            if (answer.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
                Matcher id = HUB_MESSAGE_ID.matcher(answer.body());
                return id.find() ? id.group(1) : null;
            } else {
                failed.incrementAndGet();
                if (failed.get() <= 3) {
                    System.out.println("refused: " + answer.statusCode() + " " + answer.body());
                }
            }
        } catch (Exception e) {
            if (failed.incrementAndGet() <= 3) {
                System.out.println("failed: " + e);
            }
        }
        return null;
    }

    private static final Pattern INTAKE_WAITING =
            Pattern.compile("\"queue\":\"hub\\.intake\\.accepted\",\"waiting\":(\\d+)");

    /** Waits until the intake queue is empty: everything accepted has been decided and delivered. */
    private Instant awaitIntakeEmpty() throws Exception {
        return awaitIntakeEmpty(officer);
    }

    /** The same, asked of a hub through an IG officer's connection ({@code /admin/queues}). */
    static Instant awaitIntakeEmpty(HubConnection officer) throws Exception {
        while (true) {
            Matcher waiting =
                    INTAKE_WAITING.matcher(officer.get("/admin/queues").body());
            if (waiting.find() && Long.parseLong(waiting.group(1)) == 0) {
                return Instant.now();
            }
            Thread.sleep(20);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options look like --name=value; got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
