package org.vanguard.hub.mailbox;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;

/**
 * Lists, reads and acknowledges deliveries on a participant's mailbox queue. Only ever the caller's own
 * queue: the ODS code comes from the caller's certificate, never from the request.
 */
@Service
public class MailboxService implements DisposableBean {

    /** Most entries one listing returns; a participant acknowledges to see more. */
    public static final int PAGE = 500;

    private final JmsTemplate jms;
    private final CachingConnectionFactory sessions;
    private final RouteProperties routes;

    public MailboxService(ConnectionFactory connectionFactory, RouteProperties routes) {
        this.routes = routes;
        // Selector consumers must not be cached: a cached consumer per delivery id would stay open forever.
        ConnectionFactory target = connectionFactory instanceof CachingConnectionFactory caching
                ? caching.getTargetConnectionFactory() : connectionFactory;
        this.sessions = new CachingConnectionFactory(target);
        sessions.setCacheConsumers(false);
        this.jms = new JmsTemplate(sessions);
        this.jms.setReceiveTimeout(2000);
    }

    /** Closes the mailbox's own connection before the broker stops, so shutdown is quiet. */
    @Override
    public void destroy() {
        sessions.destroy();
    }

    public List<MailboxEntry> list(OdsCode participant) {
        List<MailboxEntry> entries = jms.browse(routes.mailboxQueue(participant.value()), (session, browser) -> {
            List<MailboxEntry> found = new ArrayList<>();
            for (Object item : Collections.list(browser.getEnumeration())) {
                found.add(entry((Message) item));
                if (found.size() >= PAGE) {
                    break;
                }
            }
            return found;
        });
        return entries == null ? List.of() : entries;
    }

    public Optional<String> read(OdsCode participant, UUID deliveryId) {
        String body = jms.browseSelected(routes.mailboxQueue(participant.value()), selector(deliveryId),
                (session, browser) -> {
                    var messages = browser.getEnumeration();
                    return messages.hasMoreElements() ? ((TextMessage) messages.nextElement()).getText() : null;
                });
        return Optional.ofNullable(body);
    }

    /** Removes the delivery from the mailbox; false when there is no such delivery (already acknowledged). */
    public boolean acknowledge(OdsCode participant, UUID deliveryId) {
        if (read(participant, deliveryId).isEmpty()) {
            return false;
        }
        return jms.receiveSelected(routes.mailboxQueue(participant.value()), selector(deliveryId)) != null;
    }

    private static String selector(UUID deliveryId) {
        return HubHeaders.DELIVERY_ID + " = '" + deliveryId + "'";
    }

    private static MailboxEntry entry(Message message) throws JMSException {
        return new MailboxEntry(
                message.getStringProperty(HubHeaders.DELIVERY_ID),
                message.getStringProperty(HubHeaders.MESSAGE_ID),
                message.getStringProperty(HubHeaders.SENDER),
                message.getStringProperty(HubHeaders.EVENT),
                message.getStringProperty(HubHeaders.ACCEPTED_AT),
                message.getStringProperty(HubHeaders.AGREEMENTS));
    }
}
