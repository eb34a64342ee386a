package org.vanguard.hub.cluster;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Participants' systems on the cluster's brokers over AMQP 1.0, as docs/cluster.md tells them to connect: Qpid JMS with
 * a failover URL naming both brokers' participant acceptors, TLS with the participant's certificate (SASL EXTERNAL),
 * trusting the hub's CA, host name verified. The brokers' own list of their cluster (core connectors) is ignored: a
 * participant reaches only the AMQP acceptors.
 */
final class BrokerAmqp {

    private final Path pki;
    private final Path trustStore;
    private final int livePort;
    private final int backupPort;

    /**
     * @param trustStore PKCS#12, password {@code demo}, holding the hub's CA
     */
    BrokerAmqp(Path pki, Path trustStore, int livePort, int backupPort) {
        this.pki = pki;
        this.trustStore = trustStore;
        this.livePort = livePort;
        this.backupPort = backupPort;
    }

    private String tls(String ods, String prefix) {
        return tls(pki.resolve("participants/" + ods + ".p12"), prefix);
    }

    /** @param keystore PKCS#12, password {@code demo}, holding one participant key and certificate */
    private String tls(Path keystore, String prefix) {
        return String.join(
                "&",
                prefix + "transport.trustStoreLocation=" + trustStore,
                prefix + "transport.trustStorePassword=demo",
                prefix + "transport.trustStoreType=PKCS12",
                prefix + "transport.verifyHost=true",
                prefix + "transport.keyStoreLocation=" + keystore,
                prefix + "transport.keyStorePassword=demo",
                prefix + "transport.keyStoreType=PKCS12",
                prefix + "amqp.saslMechanisms=EXTERNAL");
    }

    /** Both brokers, reconnecting for ever (0.2 s apart, growing to 2 s), as a participant's system should. */
    JmsConnectionFactory failover(String ods) {
        return new JmsConnectionFactory("failover:(amqps://localhost:" + livePort + ",amqps://localhost:" + backupPort
                + ")?" + tls(ods, "failover.nested.")
                + "&failover.maxReconnectAttempts=-1&failover.reconnectDelay=200&failover.maxReconnectDelay=2000"
                + "&failover.amqpOpenServerListAction=IGNORE&jms.connectTimeout=10000");
    }

    /** The live broker alone, no failover: a refusal is an exception at once. */
    JmsConnectionFactory live(String ods) {
        return new JmsConnectionFactory(
                "amqps://localhost:" + livePort + "?" + tls(ods, "") + "&jms.connectTimeout=10000");
    }

    /** The live broker alone, with the participant key and certificate in {@code keystore}. */
    JmsConnectionFactory live(Path keystore) {
        return new JmsConnectionFactory(
                "amqps://localhost:" + livePort + "?" + tls(keystore, "") + "&jms.connectTimeout=10000");
    }

    /**
     * A sender on the AMQP intake: one request at a time, answered on its own reply queue. A request that meets a
     * failover, or is not answered in time, is sent again, the same bytes (the hub answers a repeat with the same id).
     */
    static final class Sender implements AutoCloseable {

        private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

        private final Connection connection;
        private final Session session;
        private final MessageProducer intake;
        private final Queue replyQueue;
        private final MessageConsumer replies;

        Sender(JmsConnectionFactory factory, String ods) throws JMSException {
            connection = factory.createConnection();
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            intake = session.createProducer(session.createQueue("hub.intake.amqp"));
            replyQueue = session.createQueue("hub.replies." + ods);
            replies = session.createConsumer(replyQueue);
        }

        /**
         * Sends until the hub answers {@code accepted}: its message id. What went wrong on the way is counted in
         * {@code errors} by kind ({@code amqp:<exception>}, {@code amqp:no answer}, {@code amqp:refused <why>}).
         */
        String sendUntilAccepted(byte[] body, Map<String, AtomicInteger> errors) throws JMSException {
            Set<String> asked = new HashSet<>();
            long giveUpAt = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < giveUpAt) {
                try {
                    TextMessage request = session.createTextMessage(new String(body, StandardCharsets.UTF_8));
                    request.setJMSReplyTo(replyQueue);
                    intake.send(request);
                    asked.add(request.getJMSMessageID());
                    long answerBy = System.nanoTime() + ANSWER_WITHIN.toNanos();
                    while (System.nanoTime() < answerBy) {
                        Message answer = replies.receive(1_000);
                        if (answer == null || !asked.contains(answer.getJMSCorrelationID())) {
                            continue; // nothing yet, or an earlier message's late answer
                        }
                        if ("accepted".equals(answer.getStringProperty("hubOutcome"))) {
                            return answer.getStringProperty("hubMessageId");
                        }
                        String why = answer.getStringProperty("hubRejection");
                        count(errors, "amqp:refused " + why);
                        if (!"BUSY".equals(why) && !"OVER_SHARE".equals(why)) {
                            throw new AssertionError("a valid message refused over AMQP: " + why + " "
                                    + ((TextMessage) answer).getText());
                        }
                        // As a client honouring the hub's hubRetryAfter (seconds) does.
                        LockSupport.parkNanos(Duration.ofSeconds(answer.getLongProperty("hubRetryAfter"))
                                .toNanos());
                        asked.clear();
                        answerBy = 0;
                        continue;
                    }
                    if (answerBy != 0) {
                        count(errors, "amqp:no answer");
                    }
                } catch (JMSException failedOver) {
                    count(errors, "amqp:" + failedOver.getClass().getSimpleName());
                }
            }
            throw new AssertionError("no answer over AMQP in 5 minutes");
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }

    /**
     * Reads a mailbox over AMQP, one delivery per broker transaction, until {@code done} and nothing has come for 5 s.
     * A transaction that meets a failover is rolled back and its delivery comes again: deliveries are told apart by
     * {@code hubDeliveryId}, as a participant's system must. Returns delivery id → what was read, in the order first
     * read.
     */
    static Map<String, Read> readMailbox(JmsConnectionFactory factory, String ods, BooleanSupplier done)
            throws JMSException {
        Map<String, Read> read = new LinkedHashMap<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer mailbox = session.createConsumer(session.createQueue("hub.mailbox." + ods));
            long quietSince = System.nanoTime();
            while (!done.getAsBoolean()
                    || System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                try {
                    Message delivery = mailbox.receive(500);
                    if (delivery == null) {
                        continue;
                    }
                    quietSince = System.nanoTime();
                    // Before the commit: a commit whose outcome a failover hides may still have taken it.
                    read.putIfAbsent(
                            delivery.getStringProperty("hubDeliveryId"),
                            new Read(
                                    delivery.getStringProperty("hubMessageId"),
                                    delivery.getStringProperty("hubSender"),
                                    delivery.getStringProperty("hubEvent")));
                    session.commit();
                } catch (JMSException failedOver) {
                    // Rolled back (or its outcome unknown): the delivery comes again, or was taken, and is told apart.
                }
            }
        }
        return read;
    }

    /** One delivery read from a mailbox: the message it is of, who sent it, its event. */
    record Read(String hubMessageId, String sender, String event) {}

    private static void count(Map<String, AtomicInteger> errors, String kind) {
        errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }
}
