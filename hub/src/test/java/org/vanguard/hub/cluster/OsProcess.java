package org.vanguard.hub.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A component of the cluster topology as an operating system process (a broker, a hub node), its output appended to a
 * log file, so a test can kill it with SIGKILL, start it again and read what it said.
 */
final class OsProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    OsProcess(String name, List<String> command, Map<String, String> environment, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    Path log() {
        return log;
    }

    /** Starts the process and waits until {@code ready} says it is. */
    void start(Duration timeout, Callable<Boolean> ready) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        Awaitility.await(name + " ready; see " + log)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return ready.call();
                });
    }

    /** Whether its log has said {@code text} (since the file began). */
    boolean said(String text) throws IOException {
        return Files.exists(log) && Files.readString(log).contains(text);
    }

    /** How many times its log has said {@code text}. */
    long times(String text) throws IOException {
        return Files.exists(log)
                ? Files.readAllLines(log).stream()
                        .filter(line -> line.contains(text))
                        .count()
                : 0;
    }

    /** SIGKILL: no shutdown hook, nothing flushed, committed or closed. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die");
        }
    }

    /** Stops it (SIGTERM, SIGKILL after 30 s) if it runs. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        }
    }
}
