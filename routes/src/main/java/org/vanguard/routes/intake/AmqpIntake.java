package org.vanguard.routes.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsMessage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;

/**
 * Takes one message a participant sent over AMQP through the same {@link IntakeGateway} as REST, and
 * prepares its answer. The sender is the user the broker validated from the client certificate, stamped on
 * the message by the broker itself; never the body, never a property the client sets.
 * <p>
 * Answers go only to the sender's own reply queue ({@code hub.replies.<ODS>}): a reply-to naming anything
 * else (another participant's queue, the mailbox, a temporary queue) is refused, because the hub would
 * otherwise send on a participant's behalf to an address that participant may not reach. An accepted
 * message is answered when it asks (reply-to set); a refused one always is, so it is never requeued or lost
 * silently. Refusals are client mistakes: logged at INFO.
 */
public final class AmqpIntake {

    /** Exchange property: where {@link AmqpIntakeRoute} sends the answer; absent when there is none to send. */
    public static final String ANSWER_TO = "hubAnswerTo";
    /** On an answer: {@code accepted} or {@code refused}. */
    public static final String OUTCOME = "hubOutcome";
    /** On a refusal: the kind of refusal, as REST would map it to a status ({@link Rejection}). */
    public static final String REJECTION = "hubRejection";

    /** Application property of a refusal for backpressure: seconds to wait before sending again. */
    public static final String RETRY_AFTER = "hubRetryAfter";
    /**
     * Where Artemis keeps an AMQP message's own message-id once it converts the message for a JMS consumer
     * (the JMS message id is then the broker's); the id the sender knows, so the one to correlate with.
     */
    public static final String NATIVE_MESSAGE_ID = "NATIVE_MESSAGE_ID";
    /** The property Artemis keeps the broker-validated user in. */
    public static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

    private static final Logger log = LoggerFactory.getLogger(AmqpIntake.class);

    private final IntakeGateway gateway;
    private final RouteProperties routes;
    private final TransactionOperations outsideTransaction;

    /**
     * @param outsideTransaction runs the gateway outside the consuming JMS transaction, so that the intake
     *     queue send commits as it does for REST and a message sent twice meets duplicate detection as a
     *     silent drop instead of rolling back this transaction for ever
     */
    public AmqpIntake(IntakeGateway gateway, RouteProperties routes, TransactionOperations outsideTransaction) {
        this.gateway = gateway;
        this.routes = routes;
        this.outsideTransaction = outsideTransaction;
    }

    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String user = validatedUser(exchange);
        if (user == null || user.isBlank()) {
            throw new IllegalStateException("an AMQP intake message carries no broker-validated user; "
                    + "is the ValidatedSenderStamp plugin installed?");
        }
        OdsCode sender = OdsCode.of(user);
        String ownReplies = routes.replyQueue(sender.value());
        Optional<String> replyTo = replyTo(in);
        String requestId = requestId(exchange);
        byte[] body = bytes(in.getBody());

        IBaseResource answer;
        String outcome;
        String rejection = null;
        String hubMessageId = null;
        try {
            if (replyTo.isPresent() && !replyTo.get().equals(ownReplies)) {
                throw new FhirInputException(
                        Rejection.FORBIDDEN,
                        InputIssue.invalid(
                                "(reply-to)",
                                "answers go only to your own reply queue " + ownReplies + ", not to " + replyTo.get()));
            }
            AcceptedMessage accepted =
                    outsideTransaction.execute(status -> gateway.accept(body, FhirFormat.JSON.mediaType(), sender));
            answer = accepted.response();
            outcome = "accepted";
            hubMessageId = accepted.hubMessageId();
        } catch (FhirInputException e) {
            log.info("Refused AMQP input from {} ({}): {}", sender, e.rejection(), e.getMessage());
            answer = OperationOutcomes.of(e.rejection(), e.issues());
            outcome = "refused";
            rejection = e.rejection().name();
        } catch (IntakeBusyException e) {
            log.info("Refused AMQP input from {} ({}): {}", sender, e.kind(), e.getMessage());
            answer = OperationOutcomes.of(List.of(new InputIssue(IssueType.THROTTLED, "(intake)", e.getMessage())));
            outcome = "refused";
            rejection = e.kind().name();
            exchange.setProperty(RETRY_AFTER, e.retryAfterSeconds());
        }

        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setBody(FhirParsing.toJson(answer));
        if (replyTo.isPresent() || rejection != null) {
            exchange.setProperty(ANSWER_TO, ownReplies);
        }
        out.setHeader(OUTCOME, outcome);
        out.setHeader("JMSCorrelationID", requestId);
        if (rejection != null) {
            out.setHeader(REJECTION, rejection);
        }
        Long retryAfter = exchange.getProperty(RETRY_AFTER, Long.class);
        if (retryAfter != null) {
            out.setHeader(RETRY_AFTER, retryAfter);
        }
        if (hubMessageId != null) {
            out.setHeader(HubHeaders.MESSAGE_ID, hubMessageId);
        }
    }

    /**
     * Read from the JMS message itself: Camel's header filter drops the broker's {@code _AMQ_} properties, and
     * a Camel header could have been set by something other than the broker.
     */
    private static @Nullable String validatedUser(Exchange exchange) {
        return jmsProperty(exchange, VALIDATED_USER);
    }

    private static @Nullable String requestId(Exchange exchange) {
        String nativeId = jmsProperty(exchange, NATIVE_MESSAGE_ID);
        return nativeId != null ? nativeId : exchange.getIn().getHeader("JMSMessageID", String.class);
    }

    private static @Nullable String jmsProperty(Exchange exchange, String name) {
        JmsMessage jms = exchange.getIn(JmsMessage.class);
        if (jms == null || jms.getJmsMessage() == null) {
            return null;
        }
        try {
            return jms.getJmsMessage().getStringProperty(name);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot read " + name + " of an AMQP intake message", e);
        }
    }

    /** The reply-to's queue name, however the JMS client rendered it. */
    private static Optional<String> replyTo(Message in) {
        Object replyTo = in.getHeader("JMSReplyTo");
        if (replyTo == null) {
            return Optional.empty();
        }
        if (replyTo instanceof jakarta.jms.Queue queue) {
            try {
                return Optional.of(queue.getQueueName());
            } catch (jakarta.jms.JMSException e) {
                return Optional.of(replyTo.toString());
            }
        }
        return Optional.of(replyTo.toString());
    }

    /** A text message is FHIR JSON in UTF-8 (AMQP strings are Unicode); a bytes message is taken as sent. */
    private static byte[] bytes(@Nullable Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] raw) {
            return raw;
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
