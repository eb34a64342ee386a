package org.vanguard.routes.dispatch;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsBinding;
import org.apache.camel.component.jms.JmsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of {@link DispatchRoute} around the planner: reading the batch the listener container took, and giving each
 * message of it its own headers again.
 */
@Component
public class DispatchBatch {

    /** Exchange property of a message whose dispatch failed in its batch: it goes back to the broker, to go alone. */
    public static final String SET_ASIDE = "hubDispatchSetAside";

    private static final Logger log = LoggerFactory.getLogger(DispatchBatch.class);

    /** The batch on this thread ({@link DispatchBatchContainer#current()}), read as Camel reads a JMS message. */
    public List<IntakeMessage> read(Exchange exchange) throws JMSException {
        if (!(exchange.getFromEndpoint() instanceof JmsEndpoint endpoint)) {
            throw new IllegalStateException(
                    "a dispatch batch comes from a JMS endpoint, not " + exchange.getFromEndpoint());
        }
        JmsBinding binding = endpoint.getBinding();
        List<IntakeMessage> batch = new ArrayList<>();
        for (Message message : DispatchBatchContainer.current()) {
            batch.add(new IntakeMessage(
                    String.valueOf(binding.extractBodyFromJms(exchange, message)),
                    binding.extractHeadersFromJms(message, exchange)));
        }
        exchange.getMessage().removeHeaders("*");
        return batch;
    }

    /**
     * One planned message, as its own exchange within the batch: its headers; as body its deliveries, or, when its
     * dispatch failed, the message as accepted, marked {@link #SET_ASIDE}.
     */
    public void unpack(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        PlannedMessage planned = exchange.getMessage().getMandatoryBody(PlannedMessage.class);
        exchange.getMessage()
                .setHeaders(new java.util.HashMap<>(planned.message().headers()));
        if (planned.isFailed()) {
            log.warn(
                    "Dispatch of message {} failed in its batch and is set aside to be dispatched alone: {}",
                    planned.message().hubMessageId(),
                    planned.cause().toString());
            exchange.setProperty(SET_ASIDE, true);
            exchange.getMessage().setBody(planned.message().bundleJson());
        } else {
            exchange.getMessage().setBody(planned.deliveries());
        }
    }
}
