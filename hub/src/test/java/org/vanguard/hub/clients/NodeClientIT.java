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

/**
 * A Node FHIR client (fhir-kit-client over undici, installed by {@code npm ci} in {@code src/test/node}) run with the
 * machine's Node against the running hub, unmodified: mutual TLS with PEM files holding only the participant's leaf
 * certificate, messages sent about a patient of the test's own, searches (GET, POST, paged through next links until
 * every care plan is seen), the messages received as the recipient (mailbox listing, delivery and acknowledgement with
 * the client's raw requests), an XML answer and {@code $validate}.
 */
class NodeClientIT extends HubIntegrationTest {

    private static final Path CLIENT = Path.of("src/test/node");

    @TempDir
    Path scratch;

    @Test
    @DisplayName(
            "a Node FHIR client sends messages, searches, pages, receives and acknowledges them, and reads XML with only its leaf certificate")
    void nodeClient() throws Exception {
        String node = ExternalClient.require("node", "install Node.js 20 or later");
        assertThat(Files.isDirectory(CLIENT.resolve("node_modules/fhir-kit-client")))
                .as("run 'npm ci' in hub/src/test/node first (.ci/run does)")
                .isTrue();
        LeafOnlyCredentials careHome =
                LeafOnlyCredentials.of(dataDir.resolve("pki/participants/CH001.p12"), scratch.resolve("ch001"));
        LeafOnlyCredentials gp =
                LeafOnlyCredentials.of(dataDir.resolve("pki/participants/G81001.p12"), scratch.resolve("g81001"));
        String nhs = newPatient();
        Path message = scratch.resolve("message.json");
        Files.write(message, newDemoMessageAbout(nhs));

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
                        nhs));

        assertThat(JsonPath.<String>read(seen, "$.fhirVersion")).isEqualTo("4.0.1");
        assertThat(JsonPath.<String>read(seen, "$.responseCode")).isEqualTo("ok");
        assertThat(JsonPath.<String>read(seen, "$.responseSender")).isNotBlank();
        assertThat(JsonPath.<Integer>read(seen, "$.patients"))
                .as("the one Patient record about the test's own patient")
                .isEqualTo(1);
        assertThat(JsonPath.<String>read(seen, "$.patientNhs")).isEqualTo(nhs);
        assertThat(JsonPath.<String>read(seen, "$.fullUrl")).startsWith("https://localhost:" + port + "/fhir/Patient/");
        assertThat(JsonPath.<String>read(seen, "$.selfLink"))
                .startsWith("https://localhost:" + port + "/fhir/Patient?");
        // Paging happened: three care plans, a page of one each, linked by next, each page naming itself.
        assertThat(JsonPath.<Integer>read(seen, "$.carePlans")).isEqualTo(3);
        assertThat(JsonPath.<Integer>read(seen, "$.pages")).isEqualTo(3);
        assertThat(JsonPath.<Integer>read(seen, "$.nextLinks")).isEqualTo(2);
        assertThat(JsonPath.<Integer>read(seen, "$.distinctCarePlans")).isEqualTo(3);
        assertThat(JsonPath.<List<String>>read(seen, "$.selfLinks"))
                .hasSize(3)
                .allSatisfy(url -> assertThat(url).startsWith("https://localhost:" + port + "/fhir/CarePlan?"));
        // Received as the recipient: each of its own messages read from the mailbox and acknowledged.
        assertThat(JsonPath.<Integer>read(seen, "$.received")).isEqualTo(3);
        assertThat(JsonPath.<Integer>read(seen, "$.acknowledged")).isEqualTo(3);
        assertThat(JsonPath.<Integer>read(seen, "$.stillWaiting")).isZero();
        assertThat(JsonPath.<String>read(seen, "$.xmlContentType")).startsWith("application/fhir+xml");
        assertThat(JsonPath.<Integer>read(seen, "$.validationErrors")).isZero();
    }
}
