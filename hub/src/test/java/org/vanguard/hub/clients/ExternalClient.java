package org.vanguard.hub.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client written in another language (Node, Python) as its own process against the running hub and returns
 * what it printed. A client that is not installed fails the test with how to install it: CI installs them
 * ({@code .ci/run}), so a missing client is a broken build, never a skipped test.
 */
final class ExternalClient {

    private ExternalClient() {}

    /** The program, which must exist. */
    static String require(String program, String install) {
        Path path = Path.of(program);
        if (path.isAbsolute()) {
            assertThat(Files.isExecutable(path))
                    .as(program + " is missing: " + install)
                    .isTrue();
            return program;
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return Path.of(directory, program).toString();
            }
        }
        throw new AssertionError(program + " is not on the PATH: " + install);
    }

    /** Runs the command in {@code directory}; fails with its output unless it exits 0 within the time given. */
    static String run(Path directory, int timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(command).directory(directory.toFile()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String stdout = out.join();
        String stderr = err.join();
        assertThat(finished)
                .as(command + " did not finish in " + timeoutSeconds + " s\n" + stdout + stderr)
                .isTrue();
        assertThat(process.exitValue())
                .as(command + " failed:\n" + stdout + stderr)
                .isZero();
        return stdout.strip();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read: " + e + ")";
        }
    }
}
