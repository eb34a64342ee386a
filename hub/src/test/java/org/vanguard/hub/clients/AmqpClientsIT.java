package org.vanguard.hub.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
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
 * internals; another participant's mailbox is refused to them.
 * <p>
 * AMQP has no search: the hub's search is FHIR REST ({@code docs/interfaces.md}). The Python system searches over HTTPS
 * with the same leaf certificate and key, with Python's standard library, between sending and receiving.
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
            assertThat(contentType(answer)).isEqualTo("application/fhir+json");
            hubMessageId = answer.getStringProperty("hubMessageId");
        }
        awaitDispatched();
        try (Connection connection = connect("G81001")) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Message delivery = receiveDeliveryOf(session, hubMessageId);
            assertThat(propertyNames(delivery))
                    .contains("hubMessageId", "hubSender", "hubDeliveryId")
                    .noneMatch(name -> name.startsWith("_AMQ_"));
            assertThat(contentType(delivery)).as("AMQP content-type").isEqualTo("application/fhir+json");
            assertThat(JsonPath.<String>read(((TextMessage) delivery).getText(), "$.type"))
                    .isEqualTo("message");
        }
    }

    @Test
    @DisplayName(
            "Qpid JMS with SASL EXTERNAL and CH001's certificate is refused G81001's mailbox: the certificate decides")
    void externalCannotReadAnotherMailbox() throws Exception {
        try (Connection connection = connect("CH001")) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(routes.mailboxQueue("G81001"))))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createBrowser(session.createQueue(routes.mailboxQueue("G81001")))
                            .getEnumeration())
                    .isInstanceOf(JMSSecurityException.class);
            // Its own mailbox is open to it on the same connection, so the refusal above is about whose queue it is.
            session.createConsumer(session.createQueue(routes.mailboxQueue("CH001")))
                    .close();
        }
    }

    /** The AMQP 1.0 content-type of a message as Qpid JMS received it (JMS itself has no such header). */
    private static String contentType(Message message) {
        return String.valueOf(((AmqpJmsMessageFacade) ((JmsMessage) message).getFacade()).getContentType());
    }

    @Test
    @DisplayName(
            "Python Qpid Proton with SASL EXTERNAL sends a message, searches over HTTPS with the same leaf certificate, and collects its delivery with content-type application/fhir+json")
    void pythonProton() throws Exception {
        ExternalClient.require(PYTHON, "apt-get install python3-qpid-proton (.ci/run does)");
        LeafOnlyCredentials careHome =
                LeafOnlyCredentials.of(dataDir.resolve("pki/participants/CH001.p12"), scratch.resolve("ch001"));
        LeafOnlyCredentials gp =
                LeafOnlyCredentials.of(dataDir.resolve("pki/participants/G81001.p12"), scratch.resolve("g81001"));
        String nhs = newPatient();
        Path message = scratch.resolve("message.json");
        Files.write(message, newDemoMessageAbout(nhs));

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
        String hubMessageId = JsonPath.read(sent, "$.hub_message_id");
        assertThat(hubMessageId).isNotBlank();
        awaitDispatched();

        // AMQP has no search (search is FHIR REST): the same system searches over HTTPS with the same leaf
        // certificate, with Python's standard library only.
        String found = ExternalClient.run(
                CLIENT,
                60,
                List.of(
                        PYTHON,
                        "amqp_client_test.py",
                        "search",
                        "https://localhost:" + port + "/fhir",
                        caPem().toAbsolutePath().toString(),
                        gp.certificatePem().toString(),
                        gp.keyPem().toString(),
                        nhs));
        assertThat(JsonPath.<Integer>read(found, "$.status")).isEqualTo(200);
        assertThat(JsonPath.<String>read(found, "$.content_type")).startsWith("application/fhir+json");
        assertThat(JsonPath.<String>read(found, "$.type")).isEqualTo("searchset");
        assertThat(JsonPath.<Integer>read(found, "$.total")).isEqualTo(1);
        assertThat(JsonPath.<List<String>>read(found, "$.nhs_numbers")).containsExactly(nhs);

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
                        routes.mailboxQueue("G81001"),
                        hubMessageId));
        assertThat(JsonPath.<String>read(received, "$.content_type")).isEqualTo("application/fhir+json");
        assertThat(JsonPath.<List<String>>read(received, "$.properties"))
                .contains("hubMessageId", "hubSender", "hubDeliveryId")
                .noneMatch(name -> name.startsWith("_AMQ_"));
        assertThat(JsonPath.<String>read(received, "$.hub_message_id"))
                .as("the delivery of the message this test sent")
                .isEqualTo(hubMessageId);
        assertThat(JsonPath.<String>read(received, "$.body.type")).isEqualTo("message");
        assertThat(JsonPath.<List<String>>read(
                        received,
                        "$.body.entry[*].resource.identifier[?(@.system == '"
                                + org.vanguard.profiles.validation.HubProfiles.NHS_NUMBER_SYSTEM + "')].value"))
                .containsExactly(nhs);
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
