package org.vanguard.hub.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.conformance.FhirSamples;

/**
 * A Node FHIR client (fhir-kit-client over undici, installed by {@code npm ci} in {@code src/test/node}) run with the
 * machine's Node against the running hub, unmodified: mutual TLS with PEM files holding only the participant's leaf
 * certificate, a message sent, searches (GET, POST, paged), an XML answer and {@code $validate}.
 */
class NodeClientIT extends HubIntegrationTest {

    private static final Path CLIENT = Path.of("src/test/node");

    @TempDir
    Path scratch;

    @Test
    @DisplayName("a Node FHIR client sends a message, searches, pages and reads XML with only its leaf certificate")
    void nodeClient() throws Exception {
        String node = ExternalClient.require("node", "install Node.js 20 or later");
        assertThat(Files.isDirectory(CLIENT.resolve("node_modules/fhir-kit-client")))
                .as("run 'npm ci' in hub/src/test/node first (.ci/run does)")
                .isTrue();
        LeafOnlyCredentials careHome =
                LeafOnlyCredentials.of(dataDir.resolve("pki/participants/CH001.p12"), scratch.resolve("ch001"));
        LeafOnlyCredentials gp =
                LeafOnlyCredentials.of(dataDir.resolve("pki/participants/G81001.p12"), scratch.resolve("g81001"));
        Path message = scratch.resolve("message.json");
        Files.write(message, newDemoMessage());

        String seen = ExternalClient.run(
                CLIENT,
                120,
                List.of(
                        node,
                        "fhir-client-test.mjs",
                        "https://localhost:" + port + "/fhir",
                        caPem().toAbsolutePath().toString(),
                        careHome.certificatePem().toString(),
                        careHome.keyPem().toString(),
                        gp.certificatePem().toString(),
                        gp.keyPem().toString(),
                        message.toString(),
                        FhirSamples.NHS));

        assertThat(JsonPath.<String>read(seen, "$.fhirVersion")).isEqualTo("4.0.1");
        assertThat(JsonPath.<String>read(seen, "$.responseCode")).isEqualTo("ok");
        assertThat(JsonPath.<String>read(seen, "$.responseSender")).isNotBlank();
        assertThat(JsonPath.<Integer>read(seen, "$.patients")).isPositive();
        assertThat(JsonPath.<String>read(seen, "$.fullUrl")).startsWith("https://localhost:" + port + "/fhir/Patient/");
        assertThat(JsonPath.<String>read(seen, "$.xmlContentType")).startsWith("application/fhir+xml");
        assertThat(JsonPath.<Integer>read(seen, "$.validationErrors")).isZero();
    }
}
