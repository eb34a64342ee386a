package org.vanguard.hub.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code audit verify}: asks a running hub to re-walk its audit chain and check its signed checkpoints
 * ({@code GET /admin/audit/verify}) over mutual TLS with an IG officer's keystore, prints the verdict and every break,
 * and exits 0 when the chain is intact, 1 when it is broken, 2 when the question could not be asked.
 *
 * <pre>
 * java -cp hub.jar org.vanguard.hub.cli.AuditVerify --hub https://localhost:8443 \
 *     --keystore data/pki/officers/ig-officer.p12 --password demo --ca data/pki/ca.pem
 * </pre>
 */
public final class AuditVerify {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int FAILED = 2;

    private AuditVerify() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the command; returns the exit status rather than exiting, so it can be called in-process. */
    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>(Map.of("--hub", "https://localhost:8443", "--password", "demo"));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                out.println(
                        "usage: AuditVerify --keystore officer.p12 --ca ca.pem [--password demo] [--hub https://host:port]");
                return FAILED;
            }
            options.put(args[i], args[++i]);
        }
        if (!options.containsKey("--keystore") || !options.containsKey("--ca")) {
            out.println(
                    "usage: AuditVerify --keystore officer.p12 --ca ca.pem [--password demo] [--hub https://host:port]");
            return FAILED;
        }
        try {
            char[] password = Objects.requireNonNull(options.get("--password"), "--password")
                    .toCharArray();
            HttpClient http =
                    MutualTls.client(Path.of(options.get("--keystore")), password, Path.of(options.get("--ca")));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(options.get("--hub") + "/admin/audit/verify"))
                            .timeout(Duration.ofMinutes(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                out.println("The hub answered " + response.statusCode() + ": " + response.body());
                return FAILED;
            }
            JsonNode verdict = JsonMapper.builder().build().readTree(response.body());
            boolean intact = verdict.path("intact").asBoolean(false);
            out.println((intact ? "INTACT" : "BROKEN") + ": "
                    + verdict.path("records").asLong() + " records, head at "
                    + verdict.path("headSeq").asLong() + ", "
                    + verdict.path("checkpoints").asLong() + " signed checkpoints");
            for (JsonNode broken : verdict.path("breaks")) {
                out.println("  record " + broken.path("seq").asLong()
                        + (broken.path("rowId").asLong() > 0
                                ? " (row " + broken.path("rowId").asLong() + ")"
                                : "") + ": " + broken.path("problem").asString());
            }
            return intact ? INTACT : BROKEN;
        } catch (Exception e) {
            out.println("Could not ask the hub: " + e);
            return FAILED;
        }
    }
}
