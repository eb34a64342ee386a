package org.vanguard.hub.crash;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vanguard.hub.HubClient;

/**
 * The hub as an operating system process, started from the repackaged boot jar exactly as an operator runs it,
 * so that a test can kill it with SIGKILL: no shutdown hook, no graceful stop, the journal and the database as
 * the crash leaves them.
 */
final class HubProcess {

    private final Path jar;
    private final Path dataDir;
    private final int port;
    private final Path log;
    private Process process;

    HubProcess(Path jar, Path dataDir, int port, Path log) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Starts the hub and waits until it answers over mutual TLS. */
    void start(Duration timeout) throws Exception {
        launch();
        org.awaitility.Awaitility.await("the hub answering over mutual TLS; see " + log)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log);
                    }
                    return Files.exists(participantKeystore("CH001")) && answers();
                });
    }

    /**
     * Settings the test run passes on to the hub it starts ({@code -Dhub.routes.dispatch-batch-size=16} on the Maven
     * command line): the crash test can then prove a setting other than the jar's default.
     */
    private static final List<String> FORWARDED =
            List.of("hub.routes.dispatch-batch-size", "hub.routes.dispatch-consumers");

    /**
     * The test JVM's own JIT thresholds (the root pom's argLine), passed on: C2 only for really hot code. The start and
     * the crash test's two minutes of load are short-lived code; only the JIT's effort changes, not what runs.
     */
    private static final List<String> JIT_SETTINGS = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(argument -> argument.startsWith("-XX:Tier4"))
            .toList();

    /** Starts the hub's process and returns at once. */
    void launch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+UseSerialGC"));
        command.addAll(JIT_SETTINGS);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--hub.data-dir=" + dataDir,
                "--server.port=" + port,
                "--hub.broker.amqp-enabled=false",
                "--management.server.port=0",
                // Never the console's default 8444, which a hub running on this machine may hold.
                "--hub.console.port=0",
                "--logging.level.root=WARN",
                "--logging.level.org.vanguard=WARN"));
        for (String setting : FORWARDED) {
            String value = System.getProperty(setting);
            if (value != null) {
                command.add("--" + setting + "=" + value);
            }
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    private boolean answers() {
        try {
            return client("CH001").get("/fhir/metadata").statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** SIGKILL: the process gets no chance to flush, commit or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the hub did not die");
        }
    }

    /** SIGTERM: the graceful stop an operator would use, so the database file can be opened afterwards. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    HubClient client(String ods) throws Exception {
        return HubClient.of(participantKeystore(ods), dataDir.resolve("pki/ca.pem"), port);
    }

    HubClient officer() throws Exception {
        return HubClient.of(dataDir.resolve("pki/officers/ig-officer.p12"), dataDir.resolve("pki/ca.pem"), port);
    }

    Path participantKeystore(String ods) {
        return dataDir.resolve("pki/participants/" + ods + ".p12");
    }
}
