package org.vanguard.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Objects;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;

/**
 * The hub's address settings on a real Artemis server: a dispatch rolled back (the broker failed over, a node died)
 * returns its message to the head of the intake queue, ahead of the patient's next message. With a redelivery delay
 * Artemis sets the rolled-back message aside and delivers the next one of the same message group meanwhile, which
 * dispatched a patient's messages out of order after a broker failover in the cluster test (the older one was then
 * refused as stale). The mailboxes keep the delay, and show what it does (a minute here, so that nothing but the
 * delay decides which message comes first).
 */
class IntakeRedeliveryOrderTests {

    private static final RouteProperties ROUTES = new RouteProperties(
            "hub.intake.accepted",
            "hub.mailbox.",
            6,
            1,
            "hub.dispatch.set-aside",
            "hub.intake.amqp",
            "hub.replies.",
            "hub.receipts.amqp");
    private static final BrokerProperties BROKER = new BrokerProperties(
            Duration.ofNanos(100_000),
            10,
            Duration.ofSeconds(1),
            false,
            "127.0.0.1",
            5671,
            DataSize.ofMegabytes(64),
            "",
            Duration.ofSeconds(2));

    private static EmbeddedActiveMQ server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", "vm://7315");
        EmbeddedBrokerConfiguration.addressSettings(configuration, BROKER, ROUTES);
        server = new EmbeddedActiveMQ().setConfiguration(configuration);
        server.start();
        connection = new ActiveMQConnectionFactory("vm://7315").createConnection();
        connection.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @DisplayName("a rolled-back dispatch comes back before the patient's next message on the intake queue")
    void intakeKeepsThePatientsOrder() throws Exception {
        assertThat(afterRollback(ROUTES.intakeQueue())).isEqualTo("first");
    }

    @Test
    @DisplayName("with the mailboxes' redelivery delay, the patient's next message overtakes the rolled-back one")
    void aRedeliveryDelayLetsTheNextMessageOvertake() throws Exception {
        assertThat(afterRollback(ROUTES.mailboxQueue("G81001"))).isEqualTo("second");
    }

    /**
     * A patient's first message consumed in a transaction that rolls back (a failover), the patient's next message
     * arriving meanwhile (its sender was waiting for the failover too); which of the two the dispatcher gets next.
     */
    private static String afterRollback(String queue) throws JMSException {
        try (Session sender = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Session dispatcher = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = sender.createProducer(sender.createQueue(queue));
            MessageConsumer consumer = dispatcher.createConsumer(dispatcher.createQueue(queue));
            producer.send(patientsMessage(sender, "first"));
            assertThat(text(consumer.receive(10_000))).isEqualTo("first");
            dispatcher.rollback();
            producer.send(patientsMessage(sender, "second"));
            String next = text(consumer.receive(10_000));
            dispatcher.commit();
            return next;
        }
    }

    private static TextMessage patientsMessage(Session session, String text) throws JMSException {
        TextMessage message = session.createTextMessage(text);
        message.setStringProperty(HubHeaders.GROUP, "9000000009");
        return message;
    }

    private static String text(Message message) throws JMSException {
        return ((TextMessage) Objects.requireNonNull(message, "a message within 10 s")).getText();
    }
}
