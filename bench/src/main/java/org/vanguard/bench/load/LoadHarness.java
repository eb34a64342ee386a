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
 * <li>the ratio of the two, end to end over bare, for the same run, and for each the CPU time per message of the hub
 *     ({@code --hub-pid}, read from {@code /proc}) and of the harness itself, up to the moment its queue was empty (the
 *     bare phase's queue drains before the full phase starts);</li>
 * <li>at a fixed offered rate (open loop: each request is timed from when it was due, so a stalled hub cannot hide its
 *     queueing): accept latency, and send-to-delivery latency up to the moment each recipient took the delivery from
 *     its mailbox, with the intake backlog sampled through the phase.</li>
 * <li>overload ({@code --phases=full,overload}): an open loop at {@code --overload-factor} (default 2) times the
 *     rate the full phase decided and delivered in the same run (or {@code --rate}), for {@code --overload-seconds},
 *     then at half that sustainable rate for as long again: the refusals by status and whether each carried
 *     {@code Retry-After}, the intake backlog against the bound ({@code --bound}, the hub's
 *     {@code hub.intake.admission.max-depth}), when the refusals stopped after the load dropped, and, once everything
 *     has drained, whether any accepted message was lost (left on the intake or set-aside queue, dead-lettered, or a
 *     care home's message with no delivery at all).</li>
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
        long hubPid = Long.parseLong(options.getOrDefault("hub-pid", "0"));
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
        double sustainable = Double.NaN;
        if (phases.contains("bare")) {
            Usage usage = new Usage(hubPid);
            Phase bare = harness.closedLoop("/bench/$process-message", threads, seconds, 2000);
            bareRate = bare.rate();
            // Its queue drains before the next phase starts, so that the next phase has the cores to itself.
            Instant drained = awaitEmpty(harness.officer, BARE_QUEUE);
            System.out.printf(
                    "bare pipeline (parse + durable queue):   %8.0f msg/s accepted; accept %s; its queue drained at"
                            + " %.0f msg/s%n",
                    bare.rate(),
                    bare.latencies().summary(),
                    bare.accepted() / (Duration.between(bare.started(), drained).toNanos() / 1e9));
            usage.print("bare pipeline", bare.accepted());
        }
        if (phases.contains("full")) {
            Usage usage = new Usage(hubPid);
            Phase full = harness.closedLoop("/fhir/$process-message", threads, seconds, 3000);
            Instant drained = harness.awaitIntakeEmpty();
            usage.print("full enforcement", full.accepted());
            double endToEnd =
                    full.accepted() / (Duration.between(full.started(), drained).toNanos() / 1e9);
            sustainable = endToEnd;
            System.out.printf(
                    "full enforcement, accepted:              %8.0f msg/s; accept %s; %d refused (each thread waits out"
                            + " Retry-After)%n",
                    full.rate(), full.latencies().summary(), full.failed());
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
        if (phases.contains("overload")) {
            double factor = Double.parseDouble(options.getOrDefault("overload-factor", "2"));
            int base = Double.isNaN(sustainable) ? rate : (int) Math.round(sustainable);
            harness.overload(
                    (int) Math.round(base * factor),
                    Math.max(1, base / 2),
                    Integer.parseInt(options.getOrDefault("overload-seconds", "60")),
                    Long.parseLong(options.getOrDefault("bound", "20000")),
                    URI.create(options.getOrDefault("metrics", "http://127.0.0.1:9443/actuator/prometheus")),
                    recipients);
        }
        if (recipients != null) {
            System.out.printf(
                    "deliveries taken by the recipients over AMQP during the run: %d%n", recipients.deliveries());
            recipients.close();
        }
    }

    /**
     * The CPU time the hub and the harness took over a phase, up to the moment its queue was empty, per message the
     * phase accepted ({@code --hub-pid}: the hub's process on this machine; without it, only the harness's).
     */
    private static final class Usage {

        private final ProcessUsage hub;
        private final ProcessUsage harness =
                ProcessUsage.start(ProcessHandle.current().pid());

        Usage(long hubPid) {
            this.hub = ProcessUsage.start(hubPid);
        }

        void print(String phase, long messages) {
            ProcessUsage.Sample hubSample = hub.stop();
            ProcessUsage.Sample harnessSample = harness.stop();
            System.out.printf(
                    "%s, CPU per message accepted (until its queue was empty): hub %s, harness %.2f ms%n",
                    phase,
                    hubSample.cpuTicks() < 0 ? "n/a" : String.format("%.2f ms", hubSample.cpuMillisEach(messages)),
                    harnessSample.cpuMillisEach(messages));
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
     * given seconds; a 2xx answer counts as accepted, anything else (the first three printed) as failed. A refusal with
     * {@code Retry-After} holds its thread for that long, as a well-behaved sender would.
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
                    long retryAfter = 0;
                    try {
                        HttpResponse<String> answer = attempt.send(sender, nhs, i);
                        if (answer.statusCode() / 100 == 2) {
                            accepted.incrementAndGet();
                        } else {
                            if (failed.incrementAndGet() <= 3) {
                                System.out.println("refused: " + answer.statusCode() + " " + answer.body());
                            }
                            retryAfter = answer.headers()
                                    .firstValue("Retry-After")
                                    .map(LoadHarness::seconds)
                                    .orElse(0L);
                        }
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.out.println("failed: " + e);
                        }
                    }
                    latencies.add((System.nanoTime() - start) / 1000);
                    // As a sender should: a refusal for load says when to come back.
                    Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter));
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = Duration.between(started, Instant.now()).toNanos() / 1e9;
        return new Phase(started, accepted.get(), failed.get(), accepted.get() / elapsed, latencies, Map.of());
    }

    /** A {@code Retry-After} in seconds; one second for any other form (an HTTP date). */
    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Requests are due at a fixed rate whether or not earlier ones have been answered. */
    private Phase openLoop(int rate, int seconds, int series) throws Exception {
        return openLoop(rate, seconds, series, new Refusals(), new java.util.concurrent.ConcurrentHashMap<>());
    }

    /** The same, counting refusals by status and noting each accepted message's sender by the hub's id. */
    private Phase openLoop(int rate, int seconds, int series, Refusals refusals, Map<String, String> senderById)
            throws Exception {
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
                String hubMessageId = send("/fhir/$process-message", sender, body, accepted, failed, refusals);
                latencies.add((System.nanoTime() - due) / 1000);
                if (hubMessageId != null) {
                    dueById.put(hubMessageId, due);
                    senderById.put(hubMessageId, sender);
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        double elapsed = Duration.between(started, Instant.now()).toNanos() / 1e9;
        return new Phase(started, accepted.get(), failed.get(), accepted.get() / elapsed, latencies, dueById);
    }

    /** Refusals of an open loop by HTTP status, and how many of each carried {@code Retry-After}. */
    static final class Refusals {
        private final Map<Integer, AtomicInteger> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, AtomicInteger> withRetryAfter = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicInteger failed = new AtomicInteger();
        /** Nanosecond time of the latest refusal. */
        private final AtomicLong last = new AtomicLong();

        void refused(HttpResponse<String> answer) {
            int status = answer.statusCode();
            byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (answer.headers().firstValue("Retry-After").isPresent()) {
                withRetryAfter.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            }
            last.accumulateAndGet(System.nanoTime(), Math::max);
        }

        void failed() {
            failed.incrementAndGet();
        }

        int total() {
            return byStatus.values().stream().mapToInt(AtomicInteger::get).sum() + failed.get();
        }

        long lastNanos() {
            return last.get();
        }

        String summary() {
            StringBuilder text = new StringBuilder();
            new java.util.TreeMap<>(byStatus)
                    .forEach((status, count) -> text.append(String.format(
                            "%d x %d (%d with Retry-After), ",
                            count.get(),
                            status,
                            withRetryAfter
                                    .getOrDefault(status, new AtomicInteger())
                                    .get())));
            return text.append(failed.get()).append(" failed without an answer").toString();
        }
    }

    /**
     * The overload phase (see the class comment): {@code high} msg/s offered for {@code seconds}, then {@code low}
     * msg/s for as long again, the backlog sampled throughout; then the losses, once everything has drained.
     */
    private void overload(int high, int low, int seconds, long bound, URI metrics, Recipients recipients)
            throws Exception {
        Backlog backlog = new Backlog();
        backlog.start();
        Map<String, String> senderById = new java.util.concurrent.ConcurrentHashMap<>();
        Refusals over = new Refusals();
        Phase loaded = openLoop(high, seconds, 5000, over, senderById);
        long dropped = System.nanoTime();
        int samplesAtDrop = backlog.samples().size();
        Refusals after = new Refusals();
        Phase recovering = openLoop(low, seconds, 6000, after, senderById);
        Instant drained = awaitIntakeEmpty();
        backlog.stop();
        List<Long> depths = backlog.samples();
        long highest = depths.stream().mapToLong(Long::longValue).max().orElse(-1);
        System.out.printf(
                "overload at %d msg/s offered for %d s: %d accepted (%.0f msg/s), refused %s; accept %s%n",
                high,
                seconds,
                loaded.accepted(),
                loaded.rate(),
                over.summary(),
                loaded.latencies().summary());
        System.out.printf(
                "then %d msg/s for %d s: %d accepted, refused %s; the last refusal %s after the load dropped; accept %s%n",
                low,
                seconds,
                recovering.accepted(),
                after.summary(),
                after.total() == 0
                        ? "came before it (none)"
                        : String.format("%.1f s", (after.lastNanos() - dropped) / 1e9),
                recovering.latencies().summary());
        System.out.printf(
                "intake backlog every %d s: %s; highest %d, bound %d (%s); %s; intake empty at %s%n",
                Backlog.EVERY_SECONDS,
                depths,
                highest,
                bound,
                highest <= bound ? "within" : "OVER",
                recovered(depths, samplesAtDrop),
                drained);
        String queues = officer.get("/admin/queues").body();
        long setAside = waiting(queues, "hub.dispatch.set-aside");
        String dead = deadDepth(metrics);
        int accepted = loaded.accepted() + recovering.accepted();
        String undelivered = "not counted (no recipients)";
        if (recipients != null) {
            awaitDeliveriesSettled(recipients);
            Map<String, Integer> without = new java.util.TreeMap<>();
            Map<String, Integer> sent = new java.util.TreeMap<>();
            senderById.forEach((id, sender) -> {
                sent.merge(sender, 1, Integer::sum);
                if (recipients.receivedAt(id).isEmpty()) {
                    without.merge(sender, 1, Integer::sum);
                }
            });
            undelivered = "accepted / without any delivery, by sender: " + sent + " / " + without
                    + " (the demo agreements deny G81001's messages to every recipient; CH001's must all arrive)";
        }
        System.out.printf(
                "after the overload, %d accepted in all: intake queue empty, set-aside %d waiting, dead letters %s; %s%n",
                accepted, setAside, dead, undelivered);
    }

    /** When the backlog, sampled every few seconds, was first back to at most one message after the load dropped. */
    private static String recovered(List<Long> depths, int samplesAtDrop) {
        for (int i = samplesAtDrop; i < depths.size(); i++) {
            if (depths.get(i) >= 0 && depths.get(i) <= 1) {
                return String.format(
                        "back to at most 1 waiting by the %s sample after the load dropped (within %d s)",
                        ordinal(i - samplesAtDrop + 1), (i - samplesAtDrop + 1) * Backlog.EVERY_SECONDS);
            }
        }
        return "never back to at most 1 waiting while the load ran";
    }

    private static String ordinal(int n) {
        return n
                + (n % 100 >= 11 && n % 100 <= 13
                        ? "th"
                        : switch (n % 10) {
                            case 1 -> "st";
                            case 2 -> "nd";
                            case 3 -> "rd";
                            default -> "th";
                        });
    }

    private static long waiting(String queues, String queue) {
        Matcher waiting = Pattern.compile("\"queue\":\"" + Pattern.quote(queue) + "\",\"waiting\":(\\d+)")
                .matcher(queues);
        return waiting.find() ? Long.parseLong(waiting.group(1)) : -1;
    }

    /** {@code hub_broker_dead_depth} from the hub's metrics, or why it could not be read. */
    private static String deadDepth(URI metrics) {
        try {
            String text = java.net.http.HttpClient.newHttpClient()
                    .send(java.net.http.HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher dead = Pattern.compile("(?m)^hub_broker_dead_depth(?:\\{[^}]*\\})? (\\S+)")
                    .matcher(text);
            return dead.find() ? dead.group(1) : "not in " + metrics;
        } catch (Exception e) {
            return "unread (" + e + ")";
        }
    }

    private byte[] next(String sender, String nhs, int version) {
        return traffic.message(
                sender, nhs, DESTINATIONS.get(sender), version, Instant.ofEpochMilli(clock.incrementAndGet()));
    }

    /** Sends one message; returns the hub's id for it when accepted (null otherwise). */
    private String send(
            String path, String sender, byte[] body, AtomicInteger accepted, AtomicInteger failed, Refusals refusals) {
        try {
            HttpResponse<String> answer = senders.get(sender).post(path, body);
            if (answer.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
                Matcher id = HUB_MESSAGE_ID.matcher(answer.body());
                return id.find() ? id.group(1) : null;
            } else {
                failed.incrementAndGet();
                refusals.refused(answer);
                if (failed.get() <= 3) {
                    System.out.println("refused: " + answer.statusCode() + " " + answer.body());
                }
            }
        } catch (Exception e) {
            refusals.failed();
            if (failed.incrementAndGet() <= 3) {
                System.out.println("failed: " + e);
            }
        }
        return null;
    }

    private static final Pattern INTAKE_WAITING = waiting("hub.intake.accepted");

    /** The bare pipeline's queue ({@code BarePipelineRoute}). */
    private static final Pattern BARE_QUEUE = waiting("hub.bench.bare");

    private static Pattern waiting(String queue) {
        return Pattern.compile("\"queue\":\"" + Pattern.quote(queue) + "\",\"waiting\":(\\d+)");
    }

    /** Waits until the intake queue is empty: everything accepted has been decided and delivered. */
    private Instant awaitIntakeEmpty() throws Exception {
        return awaitIntakeEmpty(officer);
    }

    /** The same, asked of a hub through an IG officer's connection ({@code /admin/queues}). */
    static Instant awaitIntakeEmpty(HubConnection officer) throws Exception {
        return awaitEmpty(officer, INTAKE_WAITING);
    }

    /** Waits until the queue the pattern reads from {@code /admin/queues} has nothing waiting. */
    private static Instant awaitEmpty(HubConnection officer, Pattern queue) throws Exception {
        while (true) {
            Matcher waiting = queue.matcher(officer.get("/admin/queues").body());
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
