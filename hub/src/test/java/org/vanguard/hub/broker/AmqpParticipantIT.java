package org.vanguard.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.pki.HubCertificateAuthority;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;

/**
 * Participants on the broker over AMQP 1.0 with TLS client certificates, through a real Qpid JMS client:
 * the certificate is the identity, each participant reaches only its own mailbox, its own reply queue and
 * the AMQP intake, and a message that claims another sender is refused with an OperationOutcome.
 */
@ExtendWith(OutputCaptureExtension.class)
// It revokes RAC's demo certificate: a hub of its own, so every other test still connects as RAC.
@TestPropertySource(properties = HubIntegrationTest.OWN_HUB + "=AmqpParticipantIT")
@DirtiesContext
class AmqpParticipantIT extends HubIntegrationTest {

    private static final long RECEIVE_MILLIS = QpidParticipant.RECEIVE_MILLIS;

    @Autowired
    RouteProperties routes;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Autowired
    jakarta.jms.ConnectionFactory connections;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

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
            "CH001 sends over AMQP, is answered on its reply queue, and G81001 collects the delivery from its mailbox over AMQP")
    void sendAndCollect() throws Exception {
        String hubMessageId;
        try (Connection connection = connect("CH001")) {
            QpidParticipant.Exchange exchange = QpidParticipant.request(
                    connection, routes, "CH001", new String(newDemoMessage(), StandardCharsets.UTF_8));
            Message answer = exchange.answer();
            assertThat(answer).as("an answer on CH001's reply queue").isInstanceOf(TextMessage.class);
            assertThat(answer.getJMSCorrelationID())
                    .isEqualTo(exchange.request().getJMSMessageID());
            assertThat(answer.getStringProperty("hubOutcome")).isEqualTo("accepted");
            String response = ((TextMessage) answer).getText();
            assertThat(JsonPath.<String>read(response, "$.resourceType")).isEqualTo("Bundle");
            assertThat(JsonPath.<String>read(response, "$.entry[0].resource.response.code"))
                    .isEqualTo("ok");
            hubMessageId = answer.getStringProperty("hubMessageId");
            assertThat(hubMessageId).isNotBlank();
        }
        awaitDispatched();

        try (Connection connection = connect("G81001")) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Message delivery = session.createConsumer(session.createQueue(routes.mailboxQueue("G81001")))
                    .receive(RECEIVE_MILLIS);
            assertThat(delivery).as("G81001's delivery over AMQP").isInstanceOf(TextMessage.class);
            assertThat(delivery.getStringProperty("hubMessageId")).isEqualTo(hubMessageId);
            assertThat(delivery.getStringProperty("hubSender")).isEqualTo("CH001");
            assertThat(delivery.getStringProperty("hubRecipient")).isEqualTo("G81001");
            assertThat(delivery.getStringProperty("hubDeliveryId")).isNotBlank();
            assertThat(delivery.getStringProperty("hubSignature")).isNotBlank();
            assertThat(JsonPath.<String>read(((TextMessage) delivery).getText(), "$.type"))
                    .isEqualTo("message");
            delivery.acknowledge();
        }
        // The broker settles an AMQP acknowledgement after its journal write completes, so the count may lag the close.
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(broker.getActiveMQServer()
                                .locateQueue(routes.mailboxQueue("G81001"))
                                .getMessageCount())
                        .as("acknowledged over AMQP, gone from the mailbox")
                        .isZero());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "select action_name from audit_decision where event_kind = 'RECEIPT' and message_id = ? and recipient_ods = 'G81001'",
                                String.class,
                                hubMessageId))
                        .as("the receipt over AMQP is audited once")
                        .containsExactly("amqp"));
    }

    @Test
    @DisplayName(
            "receipts of deliveries acknowledged over AMQP together are recorded in batches: each in the ledger and the audit once")
    void receiptsInBatches() throws Exception {
        int sent = 24;
        String recorded = "camel_route_exchanges_seconds_count{outcome=succeeded,routeId=receipts.amqp}";
        double before =
                org.vanguard.hub.metrics.PrometheusScrape.of(managementPort).getOrDefault(recorded, 0.0);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < sent; i++) {
            var answer = as("CH001").post("/fhir/$process-message", FHIR_JSON, newDemoMessageAbout(newPatient()));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            ids.add(JsonPath.read(answer.body(), "$.identifier.value"));
        }
        awaitDispatched();
        // The receipts wait while G81001 acknowledges everything at once, so the route meets them together.
        camel.getRouteController().stopRoute("receipts.amqp");
        try {
            try (Connection connection = connect("G81001")) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                jakarta.jms.MessageConsumer mailbox =
                        session.createConsumer(session.createQueue(routes.mailboxQueue("G81001")));
                java.util.Set<String> read = new java.util.HashSet<>();
                for (Message delivery;
                        !read.containsAll(ids) && (delivery = mailbox.receive(RECEIVE_MILLIS)) != null; ) {
                    read.add(delivery.getStringProperty("hubMessageId"));
                }
                assertThat(read).as("G81001's deliveries over AMQP").containsAll(ids);
                session.commit();
            }
            org.awaitility.Awaitility.await("the receipts queued by the broker")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> broker.getActiveMQServer()
                                    .locateQueue(routes.amqpReceiptQueue())
                                    .getMessageCount()
                            >= sent);
        } finally {
            camel.getRouteController().startRoute("receipts.amqp");
        }
        String placeholders = String.join(",", java.util.Collections.nCopies(sent, "?"));
        org.awaitility.Awaitility.await("every receipt recorded")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "select d.how from delivered_delivery d join audit_decision a"
                                        + " on a.delivery_id = d.delivery_id and a.event_kind = 'RECEIPT'"
                                        + " where d.recipient_ods = 'G81001' and a.message_id in (" + placeholders
                                        + ")",
                                String.class,
                                ids.toArray()))
                        .as("each delivery in the ledger once, its receipt audited once, way amqp")
                        .hasSize(sent)
                        .containsOnly("amqp"));
        double transactions =
                org.vanguard.hub.metrics.PrometheusScrape.of(managementPort).getOrDefault(recorded, 0.0) - before;
        System.out.printf("%d AMQP receipts recorded in %.0f transactions%n", sent, transactions);
        assertThat(transactions).as("batches: fewer transactions than receipts").isLessThan(sent);
    }

    @Test
    @DisplayName(
            "a receipt that can never be recorded goes to the dead-letter address, counted by the gauge; its batch is recorded")
    void unrecordableReceiptsDeadLettered() throws Exception {
        double deadBefore = org.vanguard.hub.metrics.PrometheusScrape.of(managementPort)
                .getOrDefault("hub_broker_dead_depth", -1.0);
        assertThat(deadBefore).isGreaterThanOrEqualTo(0.0);
        String good = java.util.UUID.randomUUID().toString();
        String tooLong = "x".repeat(100);
        camel.getRouteController().stopRoute("receipts.amqp");
        try (jakarta.jms.JMSContext hub = connections.createContext(jakarta.jms.JMSContext.SESSION_TRANSACTED)) {
            jakarta.jms.Queue receipts = hub.createQueue(routes.amqpReceiptQueue());
            Message unreadable = hub.createMessage();
            unreadable.setStringProperty("testCase", "names no delivery");
            hub.createProducer().send(receipts, unreadable);
            for (String deliveryId : List.of(tooLong, good)) {
                Message receipt = hub.createMessage();
                receipt.setStringProperty(HubHeaders.DELIVERY_ID, deliveryId);
                receipt.setStringProperty(
                        HubHeaders.MESSAGE_ID, java.util.UUID.randomUUID().toString());
                receipt.setStringProperty(HubHeaders.RECIPIENT, "G81001");
                receipt.setStringProperty(
                        HubHeaders.ACCEPTED_AT, java.time.Instant.now().toString());
                hub.createProducer().send(receipts, receipt);
            }
            hub.commit();
        } finally {
            camel.getRouteController().startRoute("receipts.amqp");
        }
        org.awaitility.Awaitility.await("the good receipt recorded")
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from delivered_delivery where delivery_id = ?", Integer.class, good)
                        == 1);
        org.apache.activemq.artemis.core.server.Queue dead = broker.getActiveMQServer()
                .locateQueue(org.vanguard.routes.RouteJms.deadLetterQueue(routes.amqpReceiptQueue()));
        org.awaitility.Awaitility.await("the other two on the dead-letter address")
                .atMost(Duration.ofSeconds(30))
                .until(dead::getMessageCount, count -> count == 2);
        org.awaitility.Awaitility.await("the gauge")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> org.vanguard.hub.metrics.PrometheusScrape.of(managementPort)
                                .get("hub_broker_dead_depth"),
                        depth -> depth == deadBefore + 2);
        org.apache.activemq.artemis.core.server.Queue queue =
                broker.getActiveMQServer().locateQueue(routes.amqpReceiptQueue());
        assertThat(queue.getMessageCount() + queue.getDeliveringCount())
                .as("nothing left to try again")
                .isZero();
        try (jakarta.jms.JMSContext hub = connections.createContext(jakarta.jms.JMSContext.SESSION_TRANSACTED);
                jakarta.jms.JMSConsumer letters =
                        hub.createConsumer(hub.createQueue(org.vanguard.routes.RouteJms.DEAD_LETTER_ADDRESS + "::"
                                + org.vanguard.routes.RouteJms.deadLetterQueue(routes.amqpReceiptQueue())))) {
            java.util.Map<String, String> reasons = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                Message letter = letters.receive(5_000);
                assertThat(letter).isNotNull();
                reasons.put(
                        String.valueOf(letter.getStringProperty(HubHeaders.DELIVERY_ID)),
                        letter.getStringProperty(org.vanguard.routes.delivery.AmqpReceiptRoute.DEAD_REASON));
            }
            hub.commit();
            assertThat(reasons).containsOnlyKeys("null", tooLong);
            assertThat(reasons.get("null")).startsWith("names no delivery");
            assertThat(reasons.get(tooLong)).startsWith("could not be recorded");
        }
    }

    @Test
    @DisplayName("CH001 cannot read, browse or send to anything but its own queues and the intake")
    void onlyItsOwnQueues() throws Exception {
        try (Connection connection = connect("CH001")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(routes.mailboxQueue("G81001"))))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(routes.replyQueue("G81001"))))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createBrowser(session.createQueue(routes.mailboxQueue("G81001")))
                            .getEnumeration())
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(routes.amqpIntakeQueue())))
                    .as("nobody but the hub reads the intake")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(routes.intakeQueue())))
                    .as("the checked-intake queue is the hub's own")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(routes.mailboxQueue("G81001"))))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("activemq.management")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("hub.anything.new")))
                    .as("no queue is created on demand")
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    @DisplayName("no client certificate, or one from another CA, does not get a connection")
    void certificateRequired() throws Exception {
        assertThatThrownBy(() -> factory(null, null).createConnection().start()).isInstanceOf(JMSException.class);

        HubCertificateAuthority otherCa = HubCertificateAuthority.loadOrCreate(
                scratch.resolve("other-ca"), "demo".toCharArray(), Clock.systemUTC());
        Path impostor = scratch.resolve("impostor.p12");
        otherCa.issuer()
                .issueParticipantCredential(OdsCode.of("CH001"), "Chapel Hill Surgery", Duration.ofDays(30))
                .writePkcs12(impostor, HubCertificateAuthority.PARTICIPANT_ALIAS, "demo".toCharArray());
        assertThatThrownBy(() -> factory(impostor, "demo").createConnection().start())
                .isInstanceOf(JMSException.class);
    }

    @Test
    @DisplayName(
            "a revoked certificate is refused at the AMQP handshake, as on HTTPS, and its connection already open is closed")
    void revokedCertificate() throws Exception {
        Path keystore = dataDir.resolve("pki/participants/RAC.p12");
        connect("RAC").close();
        Connection open = connect("RAC");
        java.util.concurrent.CompletableFuture<JMSException> closedByHub =
                new java.util.concurrent.CompletableFuture<>();
        open.setExceptionListener(closedByHub::complete);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(keystore)) {
            store.load(in, "demo".toCharArray());
        }
        String serial = ((java.security.cert.X509Certificate)
                        store.getCertificate(HubCertificateAuthority.PARTICIPANT_ALIAS))
                .getSerialNumber()
                .toString(16);
        var revoked = asOfficer()
                .post(
                        "/admin/certificates/" + serial + "/revoke",
                        "application/json",
                        "{\"reason\":\"keyCompromise\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        assertThatThrownBy(() -> factory(keystore, "demo").createConnection().start())
                .isInstanceOf(JMSException.class);
        // hub.broker.revocation-sweep-interval (2 s) after the revocation at most, with room for a busy machine.
        assertThat(closedByHub.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("the connection opened before the revocation, closed by the hub")
                .isNotNull();
        System.out.printf(
                "AMQP connection of a revoked certificate closed %d ms after the revocation%n",
                java.time.Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
        assertThatThrownBy(() -> open.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE))
                .isInstanceOf(JMSException.class);
        try {
            open.close();
        } catch (JMSException alreadyClosed) {
            // The hub closed it.
        }
    }

    @Test
    @DisplayName("a certificate from the hub's CA that names no participant is refused")
    void unknownParticipant() throws Exception {
        Path stranger = scratch.resolve("stranger.p12");
        HubCertificateAuthority.loadOrCreate(dataDir.resolve("pki"), "demo".toCharArray(), Clock.systemUTC())
                .issuer()
                .issueParticipantCredential(OdsCode.of("ZZZ999"), "Not A Participant", Duration.ofDays(1))
                .writePkcs12(stranger, HubCertificateAuthority.PARTICIPANT_ALIAS, "demo".toCharArray());
        assertThatThrownBy(() -> factory(stranger, "demo").createConnection().start())
                .isInstanceOf(JMSException.class);
    }

    @Test
    @DisplayName(
            "a message claiming another sender, even with a forged validated-user property, is refused with an OperationOutcome and nothing is dispatched")
    void spoofedSender(CapturedOutput output) throws Exception {
        long queuedBefore = messagesEverAddedTo(routes.intakeQueue());
        long deliveredBefore = messagesEverAddedTo(routes.mailboxQueue("G81001"));
        int auditedBefore = auditRows();
        try (Connection connection = connect("CH001")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = session.createQueue(routes.replyQueue("CH001"));
            String spoofed = new String(demoMessage(), StandardCharsets.UTF_8)
                    .replace("\"value\": \"CH001\"", "\"value\": \"G81001\"");
            TextMessage request = session.createTextMessage(spoofed);
            request.setStringProperty("_AMQ_VALIDATED_USER", "G81001");
            request.setStringProperty("hubSender", "G81001");
            session.createProducer(session.createQueue(routes.amqpIntakeQueue()))
                    .send(request);

            Message answer = session.createConsumer(replies).receive(RECEIVE_MILLIS);
            assertThat(answer)
                    .as("a refusal is always answered, reply-to or not")
                    .isInstanceOf(TextMessage.class);
            assertThat(answer.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
            assertThat(answer.getStringProperty("hubOutcome")).isEqualTo("refused");
            assertThat(answer.getStringProperty("hubRejection")).isEqualTo("FORBIDDEN");
            String outcome = ((TextMessage) answer).getText();
            assertThat(JsonPath.<String>read(outcome, "$.resourceType")).isEqualTo("OperationOutcome");
            assertThat(JsonPath.<List<String>>read(outcome, "$.issue[*].diagnostics"))
                    .anySatisfy(text ->
                            assertThat(text).contains("identifies CH001").contains("may not send a message as G81001"));
            assertThat(JsonPath.<List<String>>read(outcome, "$.issue[*].expression[*]"))
                    .contains("Bundle.entry[0].resource.sender.identifier.value");
        }
        awaitAmqpIntakeEmpty();
        assertThat(messagesEverAddedTo(routes.intakeQueue()))
                .as("queued for dispatch")
                .isEqualTo(queuedBefore);
        assertThat(messagesEverAddedTo(routes.mailboxQueue("G81001")))
                .as("delivered")
                .isEqualTo(deliveredBefore);
        assertThat(auditRows()).as("audit rows").isEqualTo(auditedBefore);
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    @DisplayName(
            "a reply-to naming someone else's queue is refused, and the refusal goes to the sender's own reply queue")
    void replyToElsewhere() throws Exception {
        long queuedBefore = messagesEverAddedTo(routes.intakeQueue());
        long theirRepliesBefore = messagesEverAddedTo(routes.replyQueue("G81001"));
        try (Connection connection = connect("CH001")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage request = session.createTextMessage(new String(demoMessage(), StandardCharsets.UTF_8));
            request.setJMSReplyTo(session.createQueue(routes.replyQueue("G81001")));
            session.createProducer(session.createQueue(routes.amqpIntakeQueue()))
                    .send(request);

            Message answer = session.createConsumer(session.createQueue(routes.replyQueue("CH001")))
                    .receive(RECEIVE_MILLIS);
            assertThat(answer).isInstanceOf(TextMessage.class);
            assertThat(answer.getStringProperty("hubOutcome")).isEqualTo("refused");
            assertThat(JsonPath.<List<String>>read(((TextMessage) answer).getText(), "$.issue[*].expression[*]"))
                    .contains("(reply-to)");
        }
        awaitAmqpIntakeEmpty();
        assertThat(messagesEverAddedTo(routes.intakeQueue())).isEqualTo(queuedBefore);
        assertThat(messagesEverAddedTo(routes.replyQueue("G81001"))).isEqualTo(theirRepliesBefore);
    }

    private void awaitAmqpIntakeEmpty() {
        var queue = broker.getActiveMQServer().locateQueue(routes.amqpIntakeQueue());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> queue.getMessageCount() == 0 && queue.getDeliveringCount() == 0);
    }

    private Connection connect(String ods) throws JMSException {
        return amqp.connect(dataDir.resolve("pki/participants/" + ods + ".p12"), "demo");
    }

    private JmsConnectionFactory factory(@Nullable Path keyStore, @Nullable String password) {
        return amqp.factory(keyStore, password == null ? "" : password);
    }
}
