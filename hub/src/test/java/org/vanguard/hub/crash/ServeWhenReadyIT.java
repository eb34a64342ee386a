package org.vanguard.hub.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.demo.traffic.DemoTraffic;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.TestPorts;

/**
 * Issue #14: the providers' port takes no connection before the routes are running. A provider sends a message from
 * the first moment the hub's key stores exist, through the whole start, retrying only when it gets no answer at all;
 * every answer it gets must be the acceptance, never the "not ready" 503 Tomcat used to give while Camel was starting.
 */
class ServeWhenReadyIT {

    private HubProcess hub;

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    @DisplayName(
            "a message sent while the hub starts is answered once the routes run, accepted, never refused as not ready")
    void messageDuringStartIsAccepted() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-start-");
        Path jar = Path.of(System.getProperty("hub.jar", "target/vanguard-hub-0.1.0-SNAPSHOT.jar"));
        Path log = Path.of("target/serve-when-ready-hub.log");
        Files.deleteIfExists(log);
        hub = new HubProcess(jar, dataDir, TestPorts.free(), log);
        Instant launched = Instant.now();
        hub.launch();
        Awaitility.await("the hub's participant key stores; see " + log)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(hub.alive())
                            .as("the hub is running; see %s", log)
                            .isTrue();
                    return Files.exists(hub.participantKeystore("CH001"));
                });
        byte[] message = DemoTraffic.fromClasspath()
                .message(
                        "CH001",
                        DemoTraffic.patients(0, 1).get(0),
                        List.of("RAC", "MDT01"),
                        1,
                        Instant.parse("2026-11-23T00:00:00Z"));
        List<String> answers = new ArrayList<>();
        AtomicReference<HttpResponse<String>> answered = new AtomicReference<>();
        Awaitility.await("an answer to a message sent during start; see " + log)
                .atMost(Duration.ofMinutes(3))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(hub.alive())
                            .as("the hub is running; see %s", log)
                            .isTrue();
                    try {
                        HubClient client = hub.client("CH001");
                        HttpResponse<String> answer =
                                client.post("/fhir/$process-message", "application/fhir+json", message);
                        answers.add(answer.statusCode() + " " + answer.body());
                        answered.set(answer);
                        return true;
                    } catch (java.io.IOException noAnswerYet) {
                        return false;
                    }
                });
        System.out.printf(
                "start: first answer on the providers' port %d ms after launch%n",
                Duration.between(launched, Instant.now()).toMillis());
        assertThat(answered.get().statusCode())
                .as("the first answer: %s", answers)
                .isEqualTo(200);
    }
}
