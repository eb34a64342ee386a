package org.vanguard.hub.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.broker.QpidParticipant;
import org.vanguard.routes.RouteProperties;

/**
 * Standard AMQP 1.0 clients against the hub's broker, unmodified: Qpid JMS and Python's Qpid Proton (Debian's
 * {@code python3-qpid-proton}, which {@code .ci/run} installs), each authenticating with SASL EXTERNAL (the TLS client
 * certificate, here the participant's leaf certificate alone) and no user name. What they receive carries
 * {@code content-type application/fhir+json} and the hub's documented properties, none of the broker's {@code _AMQ_}
 * internals.
 */
class AmqpClientsIT extends HubIntegrationTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path CLIENT = Path.of("src/test/python");

    @Autowired
    RouteProperties routes;

    @Value("${hub.broker.amqp-port}")
    int amqpPort;

    @TempDir
    Path scratch;

    private QpidParticipant amqp;

    @BeforeEach
    void trustTheHubCa() throws Exception {
        amqp = new QpidParticipant(amqpPort, caTrustStore(scratch));
    }

    @Test
    @DisplayName(
            "Qpid JMS with SASL EXTERNAL and only a leaf certificate sends a message and collects a delivery, without _AMQ_ properties")
    void qpidJmsExternal() throws Exception {
        String hubMessageId;
        try (Connection connection = connect("CH001")) {
            Message answer = QpidParticipant.request(connection, routes, "CH001", freshMessage())
                    .answer();
            assertThat(answer).as("an answer on the reply queue").isInstanceOf(TextMessage.class);
            assertThat(answer.getStringProperty("hubOutcome"))
                    .as(((TextMessage) answer).getText())
                    .isEqualTo("accepted");
            assertThat(propertyNames(answer)).noneMatch(name -> name.startsWith("_AMQ_"));
            hubMessageId = answer.getStringProperty("hubMessageId");
        }
        awaitDispatched();
        try (Connection connection = connect("G81001")) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Message delivery = receiveDeliveryOf(session, hubMessageId);
            assertThat(propertyNames(delivery))
                    .contains("hubMessageId", "hubSender", "hubDeliveryId")
                    .noneMatch(name -> name.startsWith("_AMQ_"));
            assertThat(JsonPath.<String>read(((TextMessage) delivery).getText(), "$.type"))
                    .isEqualTo("message");
        }
    }

    @Test
    @DisplayName(
            "Python Qpid Proton with SASL EXTERNAL sends a message and collects a delivery with content-type application/fhir+json")
    void pythonProton() throws Exception {
        ExternalClient.require(PYTHON, "apt-get install python3-qpid-proton (.ci/run does)");
        LeafOnlyCredentials careHome =
                LeafOnlyCredentials.of(dataDir.resolve("pki/participants/CH001.p12"), scratch.resolve("ch001"));
        LeafOnlyCredentials gp =
                LeafOnlyCredentials.of(dataDir.resolve("pki/participants/G81001.p12"), scratch.resolve("g81001"));
        Path message = scratch.resolve("message.json");
        Files.write(message, newDemoMessage());
        drainMailbox("G81001");

        String sent = ExternalClient.run(
                CLIENT,
                90,
                List.of(
                        PYTHON,
                        "amqp_client_test.py",
                        "send",
                        "localhost",
                        Integer.toString(amqpPort),
                        caPem().toAbsolutePath().toString(),
                        careHome.certificatePem().toString(),
                        careHome.keyPem().toString(),
                        routes.amqpIntakeQueue(),
                        routes.replyQueue("CH001"),
                        message.toString()));
        assertThat(JsonPath.<String>read(sent, "$.content_type")).isEqualTo("application/fhir+json");
        assertThat(JsonPath.<List<String>>read(sent, "$.properties"))
                .contains("hubOutcome", "hubMessageId")
                .noneMatch(name -> name.startsWith("_AMQ_"));
        assertThat(JsonPath.<String>read(sent, "$.body.entry[0].resource.response.code"))
                .isEqualTo("ok");
        awaitDispatched();

        String received = ExternalClient.run(
                CLIENT,
                90,
                List.of(
                        PYTHON,
                        "amqp_client_test.py",
                        "receive",
                        "localhost",
                        Integer.toString(amqpPort),
                        caPem().toAbsolutePath().toString(),
                        gp.certificatePem().toString(),
                        gp.keyPem().toString(),
                        routes.mailboxQueue("G81001")));
        assertThat(JsonPath.<String>read(received, "$.content_type")).isEqualTo("application/fhir+json");
        assertThat(JsonPath.<List<String>>read(received, "$.properties"))
                .contains("hubMessageId", "hubSender", "hubDeliveryId")
                .noneMatch(name -> name.startsWith("_AMQ_"));
        assertThat(JsonPath.<String>read(received, "$.body.type")).isEqualTo("message");
    }

    private Message receiveDeliveryOf(Session session, String hubMessageId) throws Exception {
        jakarta.jms.MessageConsumer consumer =
                session.createConsumer(session.createQueue(routes.mailboxQueue("G81001")));
        for (Message delivery = consumer.receive(20_000); delivery != null; delivery = consumer.receive(20_000)) {
            delivery.acknowledge();
            if (hubMessageId.equals(delivery.getStringProperty("hubMessageId"))) {
                return delivery;
            }
        }
        throw new AssertionError("no delivery of " + hubMessageId + " in G81001's mailbox");
    }

    /** Empties a mailbox (as the hub, in VM), so the next delivery read over AMQP is the one a test caused. */
    private void drainMailbox(String ods) throws Exception {
        broker.getActiveMQServer().locateQueue(routes.mailboxQueue(ods)).deleteAllReferences();
    }

    private static List<String> propertyNames(Message message) throws Exception {
        return Collections.list((java.util.Enumeration<String>) message.getPropertyNames());
    }

    private String freshMessage() throws Exception {
        return new String(demoMessage(), StandardCharsets.UTF_8)
                .replace(
                        "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01",
                        UUID.randomUUID().toString());
    }

    /** Qpid JMS offered only EXTERNAL, with a key store holding the participant's leaf certificate alone. */
    private Connection connect(String ods) throws Exception {
        LeafOnlyCredentials leaf = LeafOnlyCredentials.of(
                dataDir.resolve("pki/participants/" + ods + ".p12"), scratch.resolve("jms-" + ods));
        return amqp.connect(leaf.pkcs12(), "demo", "amqp.saslMechanisms=EXTERNAL");
    }
}
