package org.vanguard.hub.broker;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.vanguard.routes.RouteProperties;

/**
 * A participant's system on the hub's AMQP 1.0 port through Qpid JMS, as the integration tests connect: TLS trusting
 * the hub's CA (host name verified), a PKCS#12 client key store, and the request-answer exchange on the AMQP intake.
 */
public final class QpidParticipant {

    /** How long a test waits for an answer or a delivery. */
    public static final long RECEIVE_MILLIS = 20_000;

    private final int port;
    private final Path trustStore;

    /**
     * @param port the hub's AMQP port
     * @param trustStore a PKCS#12 trust store (password {@code demo}) holding the hub's CA certificate
     */
    public QpidParticipant(int port, Path trustStore) {
        this.port = port;
        this.trustStore = trustStore;
    }

    /**
     * A connection factory presenting {@code keyStore} (none: no client certificate), with further URI options such as
     * {@code amqp.saslMechanisms=EXTERNAL}.
     */
    public JmsConnectionFactory factory(@Nullable Path keyStore, String password, String... options) {
        StringBuilder uri =
                new StringBuilder("amqps://localhost:" + port + "?transport.trustStoreLocation=" + trustStore
                        + "&transport.trustStorePassword=demo&transport.trustStoreType=PKCS12&transport.verifyHost=true"
                        + "&jms.connectTimeout=10000");
        if (keyStore != null) {
            uri.append("&transport.keyStoreLocation=")
                    .append(keyStore)
                    .append("&transport.keyStorePassword=")
                    .append(password)
                    .append("&transport.keyStoreType=PKCS12");
        }
        for (String option : options) {
            uri.append('&').append(option);
        }
        return new JmsConnectionFactory(uri.toString());
    }

    /** A started connection with the key store's certificate. */
    public Connection connect(Path keyStore, String password, String... options) throws JMSException {
        Connection connection = factory(keyStore, password, options).createConnection();
        connection.start();
        return connection;
    }

    /**
     * Sends {@code body} to the AMQP intake with the sender's own reply queue as reply-to, and waits for the hub's
     * answer there.
     */
    public static Exchange request(Connection connection, RouteProperties routes, String sender, String body)
            throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue replies = session.createQueue(routes.replyQueue(sender));
        TextMessage request = session.createTextMessage(body);
        request.setJMSReplyTo(replies);
        session.createProducer(session.createQueue(routes.amqpIntakeQueue())).send(request);
        return new Exchange(request, session.createConsumer(replies).receive(RECEIVE_MILLIS));
    }

    /** A request and the hub's answer to it ({@code null} when none came in time). */
    public record Exchange(TextMessage request, @Nullable Message answer) {}
}
