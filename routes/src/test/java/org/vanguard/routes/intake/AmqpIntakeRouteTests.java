package org.vanguard.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.support.TransactionOperations;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;
import org.vanguard.routes.RouteTest;
import org.vanguard.routes.RouteTestApplication;

/**
 * The AMQP intake route on the real broker: a participant's message is taken off the intake queue and its answer put
 * on that participant's own reply queue in one transaction; a failure of the hub is the broker's to redeliver and
 * then dead-letter. The gateway behind it (the checks every channel shares) answers as each test scripts it.
 */
@CamelSpringBootTest
@SpringBootTest(classes = {RouteTestApplication.class, AmqpIntakeRouteTests.Collaborators.class})
@UseAdviceWith
class AmqpIntakeRouteTests extends RouteTest {

    private static final String INTAKE = "hub.intake.amqp";

    @MockitoBean
    private IntakeGateway gateway;

    @TestConfiguration(proxyBeanMethods = false)
    static class Collaborators {

        /** As the hub wires it, with no JMS transaction to suspend around the gateway (the gateway is scripted). */
        @Bean
        AmqpIntakeRoute amqpIntakeRoute(IntakeGateway gateway, RouteProperties routes) {
            return new AmqpIntakeRoute(new AmqpIntake(gateway, routes, TransactionOperations.withoutTransaction()));
        }
    }

    @BeforeEach
    void advise() throws Exception {
        faultsBefore("intake.amqp", "intake.amqp.answer");
    }

    @Test
    @DisplayName("an accepted message is answered on its sender's own reply queue, correlated with what it sent")
    void acceptedAnswered() throws Exception {
        OdsCode sender = participant();
        when(gateway.accept(any(), eq("application/fhir+json"), eq(sender)))
                .thenReturn(accepted("hub-" + sender.value()));
        NotifyBuilder done = new NotifyBuilder(camel)
                .fromRoute("intake.amqp")
                .whenCompleted(1)
                .create();

        String requestId = send("{\"resourceType\":\"Bundle\"}", sender.value(), replies(sender), null);

        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Message answer = jms.receive(replies(sender));
        assertThat(answer.getStringProperty(AmqpIntake.OUTCOME)).isEqualTo("accepted");
        assertThat(answer.getStringProperty(HubHeaders.MESSAGE_ID)).isEqualTo("hub-" + sender.value());
        assertThat(answer.getJMSCorrelationID()).isEqualTo(requestId);
        assertThat(((TextMessage) answer).getText()).contains("\"resourceType\":\"Bundle\"");
        verify(gateway)
                .accept(
                        "{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8),
                        "application/fhir+json",
                        sender);
    }

    @Test
    @DisplayName(
            "a reply-to naming another participant's queue is refused, and the refusal goes to the sender's own queue")
    void foreignReplyToRefused() throws Exception {
        OdsCode sender = participant();
        OdsCode other = participant();
        NotifyBuilder done = new NotifyBuilder(camel)
                .fromRoute("intake.amqp")
                .whenCompleted(1)
                .create();

        send("{}", sender.value(), replies(other), null);

        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Message refusal = jms.receive(replies(sender));
        assertThat(refusal.getStringProperty(AmqpIntake.OUTCOME)).isEqualTo("refused");
        assertThat(refusal.getStringProperty(AmqpIntake.REJECTION)).isEqualTo("FORBIDDEN");
        assertThat(((TextMessage) refusal).getText()).contains(replies(other));
        noMoreWaiting();
        assertThat(jms.receive(replies(other))).isNull();
        verifyNoInteractions(gateway);
    }

    @Test
    @DisplayName("when the hub fails the broker redelivers the message, then dead-letters it; no answer is sent")
    void hubFailureRedeliveredThenDeadLettered() throws Exception {
        OdsCode sender = participant();
        when(gateway.accept(any(), any(), eq(sender))).thenThrow(new IllegalStateException("database unavailable"));
        NotifyBuilder failed = new NotifyBuilder(camel)
                .fromRoute("intake.amqp")
                .whenFailed(RouteTestApplication.DELIVERY_ATTEMPTS)
                .create();
        String run = run();

        send("{}", sender.value(), replies(sender), run);

        assertThat(failed.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(jms.receiveSelected(RouteTestApplication.DEAD_LETTER_QUEUE, "testRun = '" + run + "'"))
                .isNotNull();
        verify(gateway, times(RouteTestApplication.DELIVERY_ATTEMPTS)).accept(any(), any(), eq(sender));
        noMoreWaiting();
        assertThat(jms.receive(replies(sender))).isNull();
    }

    @Test
    @DisplayName(
            "a message without the broker's validated user is never taken as anyone's: dead-lettered, not accepted")
    void noValidatedUserDeadLettered() throws Exception {
        NotifyBuilder failed = new NotifyBuilder(camel)
                .fromRoute("intake.amqp")
                .whenFailed(RouteTestApplication.DELIVERY_ATTEMPTS)
                .create();
        String run = run();

        send("{}", null, null, run);

        assertThat(failed.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(jms.receiveSelected(RouteTestApplication.DEAD_LETTER_QUEUE, "testRun = '" + run + "'"))
                .isNotNull();
        verifyNoInteractions(gateway);
    }

    @Test
    @DisplayName("taking the message and answering it commit together: an answer that fails puts the message back")
    void answerAndConsumptionCommitTogether() throws Exception {
        OdsCode sender = participant();
        when(gateway.accept(any(), any(), eq(sender))).thenReturn(accepted("hub-" + sender.value()));
        faults.failNext(1, exchange -> true);
        NotifyBuilder done = new NotifyBuilder(camel)
                .fromRoute("intake.amqp")
                .whenFailed(1)
                .and()
                .whenCompleted(1)
                .create();

        send("{}", sender.value(), replies(sender), null);

        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(jms.receive(replies(sender)).getStringProperty(AmqpIntake.OUTCOME))
                .isEqualTo("accepted");
        noMoreWaiting();
        assertThat(jms.receive(replies(sender))).isNull();
        // Accepted twice: the gateway knows a message sent again by its id and answers it the same.
        verify(gateway, times(2)).accept(any(), any(), eq(sender));
    }

    /** Sends as a participant's AMQP client would, the broker having stamped the validated user; returns the message id. */
    private String send(String body, String validatedUser, String replyTo, String run) {
        AtomicReference<Message> sent = new AtomicReference<>();
        jms.send(INTAKE, session -> {
            TextMessage message = session.createTextMessage(body);
            if (validatedUser != null) {
                message.setStringProperty(AmqpIntake.VALIDATED_USER, validatedUser);
            }
            if (replyTo != null) {
                message.setJMSReplyTo(session.createQueue(replyTo));
            }
            if (run != null) {
                message.setStringProperty("testRun", run);
            }
            sent.set(message);
            return message;
        });
        try {
            return sent.get().getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AcceptedMessage accepted(String hubMessageId) {
        Bundle response = new Bundle();
        response.setType(Bundle.BundleType.MESSAGE);
        return new AcceptedMessage(hubMessageId, Instant.now(), null, response);
    }

    private static String replies(OdsCode participant) {
        return "hub.replies." + participant.value();
    }

    private static String run() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static OdsCode participant() {
        return OdsCode.of(code("A"));
    }
}
