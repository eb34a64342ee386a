package org.vanguard.bench.load;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * The recipients' side of the load: each participant organisation takes its deliveries from its mailbox over AMQP,
 * as a provider system does, from the start of the run to its end, so mailboxes do not grow and a delivery's latency
 * is the moment its recipient has it. Each receipt's time is kept by hub message id, for the open loop's send-to-delivery
 * latency.
 */
final class Recipients implements AutoCloseable {

    private final List<Connection> connections = new ArrayList<>();
    /** First moment (System.nanoTime) each hub message reached each of its recipients, by message id. */
    private final Map<String, List<Long>> received = new ConcurrentHashMap<>();

    private final LongAdder deliveries = new LongAdder();

    private Recipients() {}

    /** Starts a consumer on every participant's mailbox whose key store is in {@code pki/participants}. */
    static Recipients start(String host, int amqpPort, Path pki, List<String> ods) throws Exception {
        Recipients recipients = new Recipients();
        Path trustStore = pki.resolve("amqp-truststore.p12");
        for (String participant : ods) {
            Path keyStore = pki.resolve("participants/" + participant + ".p12");
            if (!Files.exists(keyStore)) {
                continue;
            }
            Connection connection = new JmsConnectionFactory("amqps://" + host + ":" + amqpPort
                            + "?transport.trustStoreLocation=" + trustStore.toAbsolutePath()
                            + "&transport.trustStorePassword=demo&transport.trustStoreType=PKCS12&transport.verifyHost=false"
                            + "&transport.keyStoreLocation=" + keyStore.toAbsolutePath()
                            + "&transport.keyStorePassword=demo&transport.keyStoreType=PKCS12&amqp.saslMechanisms=EXTERNAL"
                            + "&jms.connectTimeout=10000")
                    .createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue("hub.mailbox." + participant))
                    .setMessageListener(delivery -> {
                        long at = System.nanoTime();
                        recipients.deliveries.increment();
                        try {
                            String messageId = delivery.getStringProperty("hubMessageId");
                            if (messageId != null) {
                                recipients
                                        .received
                                        .computeIfAbsent(
                                                messageId, id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                        .add(at);
                            }
                        } catch (JMSException unreadable) {
                            // Counted as delivered; its latency is not known.
                        }
                    });
            connection.start();
            recipients.connections.add(connection);
        }
        return recipients;
    }

    /** Deliveries taken so far, all mailboxes. */
    long deliveries() {
        return deliveries.sum();
    }

    /** When each delivery of the message reached its recipient (System.nanoTime); empty if none has yet. */
    List<Long> receivedAt(String hubMessageId) {
        return received.getOrDefault(hubMessageId, List.of());
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                System.out.println("closing an AMQP connection: " + e);
            }
        }
    }
}
