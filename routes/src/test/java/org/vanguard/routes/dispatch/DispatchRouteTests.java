package org.vanguard.routes.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteProperties;
import org.vanguard.routes.RouteTest;
import org.vanguard.routes.RouteTestApplication;

/**
 * The dispatch route on the real broker: what it consumes from the intake queue (in batches) and what it puts on the
 * mailboxes commit together, a message whose planning fails is set aside and dispatched alone, where a failure is the
 * broker's to redeliver and then dead-letter, and one patient's messages keep their order among concurrent
 * dispatchers. The planner (governance's decisions, tested on their own and end to end in the hub) answers as each
 * test scripts its {@code plan}; a batch is planned message by message through it, each failure its own, as the real
 * planner's {@code planBatch} does.
 */
@CamelSpringBootTest
@SpringBootTest(classes = {RouteTestApplication.class, DispatchRoute.class, DispatchRouteTests.Collaborators.class})
@UseAdviceWith
class DispatchRouteTests extends RouteTest {

    private static final String INTAKE = "hub.intake.accepted";
    private static final String SENDER = "CH001";

    @MockitoBean
    private DispatchPlanner planner;

    @TestConfiguration(proxyBeanMethods = false)
    static class Collaborators {

        /** A stand-in for the hub's key: a signature that names the bytes it covers, so a test can check it. */
        @Bean
        DeliverySigner signer() {
            return payload -> "detached-jws-over-" + payload.length + "-bytes";
        }

        @Bean
        DispatchBatch dispatchBatch() {
            return new DispatchBatch();
        }

        @Bean(DispatchRoute.BATCH_CONTAINERS)
        MessageListenerContainerFactory dispatchBatchContainers(RouteProperties routes) {
            return DispatchBatchContainer.factory(routes.dispatchBatchSize());
        }
    }

    @BeforeEach
    void advise() throws Exception {
        faultsBefore("dispatch.decide", "dispatch.deliver");
        when(planner.planBatch(anyList())).thenAnswer(call -> {
            List<IntakeMessage> batch = call.getArgument(0);
            return batch.stream()
                    .map(message -> {
                        try {
                            return PlannedMessage.planned(
                                    message, planner.plan(message.bundleJson(), message.hubMessageId()));
                        } catch (RuntimeException failure) {
                            return PlannedMessage.failed(message, failure);
                        }
                    })
                    .toList();
        });
    }

    @Test
    @DisplayName("each planned delivery lands signed in its recipient's mailbox")
    void deliversToEveryMailbox() throws Exception {
        String gp = recipient();
        String careHome = recipient();
        String id = UUID.randomUUID().toString();
        when(planner.plan("bundle " + id, id))
                .thenReturn(List.of(
                        delivery("to-gp-" + id, id, gp, "{\"for\":\"gp\"}"),
                        delivery("to-home-" + id, id, careHome, "{\"for\":\"care home\"}")));
        String sender = recipient();
        NotifyBuilder dispatched = new NotifyBuilder(camel)
                .fromRoute("dispatch.decide")
                .whenCompleted(1)
                .create();

        accept(id, sender, "9990000018");

        assertThat(dispatched.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Message toGp = jms.receive("hub.mailbox." + gp);
        assertThat(((TextMessage) toGp).getText()).isEqualTo("{\"for\":\"gp\"}");
        assertThat(toGp.getStringProperty(HubHeaders.DELIVERY_ID)).isEqualTo("to-gp-" + id);
        assertThat(toGp.getStringProperty(HubHeaders.RECIPIENT)).isEqualTo(gp);
        assertThat(toGp.getStringProperty(HubHeaders.MESSAGE_ID)).isEqualTo(id);
        assertThat(toGp.getStringProperty(HubHeaders.AGREEMENTS)).isEqualTo("DSA-TEST-1");
        assertThat(toGp.getStringProperty(HubHeaders.SIGNATURE)).isEqualTo("detached-jws-over-12-bytes");
        assertThat(jms.receive("hub.mailbox." + careHome).getStringProperty(HubHeaders.DELIVERY_ID))
                .isEqualTo("to-home-" + id);
    }

    @Test
    @DisplayName(
            "a failure half-way through rolls back the deliveries already sent; the redelivered message sends them once")
    void allOrNothing() throws Exception {
        String id = UUID.randomUUID().toString();
        AtomicInteger attempt = new AtomicInteger();
        String gp = recipient();
        String careHome = recipient();
        // Each attempt plans deliveries with ids of its own, so a send that escaped the rollback would show.
        when(planner.plan(anyString(), eq(id))).thenAnswer(call -> {
            int n = attempt.incrementAndGet();
            return List.of(delivery("gp-" + n, id, gp, "{}"), delivery("home-" + n, id, careHome, "{}"));
        });
        faults.failNext(1, exchange -> careHome.equals(exchange.getMessage().getHeader(HubHeaders.RECIPIENT)));
        String sender = recipient();
        NotifyBuilder dispatched = new NotifyBuilder(camel)
                .fromRoute("dispatch.decide")
                .whenFailed(1)
                .and()
                .whenCompleted(1)
                .create();

        accept(id, sender, "9990000018");

        assertThat(dispatched.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(jms.receive("hub.mailbox." + gp).getStringProperty(HubHeaders.DELIVERY_ID))
                .isEqualTo("gp-2");
        assertThat(jms.receive("hub.mailbox." + careHome).getStringProperty(HubHeaders.DELIVERY_ID))
                .isEqualTo("home-2");
        // gp, care home (failed); gp, care home again.
        assertThat(faults.reached()).isEqualTo(4);
    }

    @Test
    @DisplayName(
            "a message that fails every time is set aside, redelivered alone by the broker, not by Camel, then dead-lettered whole")
    void brokerRedeliversThenDeadLetters() throws Exception {
        String id = UUID.randomUUID().toString();
        when(planner.plan(anyString(), eq(id))).thenThrow(new IllegalStateException("database unavailable"));
        String sender = recipient();
        NotifyBuilder failed = new NotifyBuilder(camel)
                .fromRoute("dispatch.alone")
                .whenFailed(RouteTestApplication.DELIVERY_ATTEMPTS)
                .create();

        accept(id, sender, "9990000018");

        assertThat(failed.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Message dead =
                jms.receiveSelected(RouteTestApplication.DEAD_LETTER_QUEUE, HubHeaders.MESSAGE_ID + " = '" + id + "'");
        assertThat(dead).isNotNull();
        assertThat(((TextMessage) dead).getText()).isEqualTo("bundle " + id);
        assertThat(dead.getStringProperty(HubHeaders.SENDER)).isEqualTo(sender);
        // Once in its batch, then once per attempt alone.
        verify(planner, times(1 + RouteTestApplication.DELIVERY_ATTEMPTS)).plan("bundle " + id, id);
    }

    @Test
    @DisplayName(
            "a later message about the same patient is not dispatched while an earlier one is, among concurrent dispatchers")
    void perPatientOrder() throws Exception {
        String gp = recipient();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        CountDownLatch secondPlanned = new CountDownLatch(1);
        AtomicBoolean overtaken = new AtomicBoolean();
        when(planner.plan(anyString(), anyString())).thenAnswer(call -> {
            String id = call.getArgument(1);
            if (id.equals(first)) {
                // Another of the four dispatchers is free: were the second message not held back behind the first
                // (its message group), it would be planned while the first still is.
                overtaken.set(secondPlanned.await(2, TimeUnit.SECONDS));
            } else if (id.equals(second)) {
                secondPlanned.countDown();
            }
            return List.of(delivery("d-" + id, id, gp, "{}"));
        });
        NotifyBuilder dispatched = new NotifyBuilder(camel)
                .fromRoute("dispatch.decide")
                .whenCompleted(2)
                .create();

        accept(first, SENDER, "9990000018");
        accept(second, SENDER, "9990000018");

        assertThat(dispatched.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(overtaken).isFalse();
        assertThat(jms.receive("hub.mailbox." + gp).getStringProperty(HubHeaders.MESSAGE_ID))
                .isEqualTo(first);
        assertThat(jms.receive("hub.mailbox." + gp).getStringProperty(HubHeaders.MESSAGE_ID))
                .isEqualTo(second);
    }

    private void accept(String hubMessageId, String sender, String patient) {
        producer.sendBodyAndHeaders(
                "jms:queue:" + INTAKE,
                "bundle " + hubMessageId,
                Map.of(HubHeaders.MESSAGE_ID, hubMessageId, HubHeaders.SENDER, sender, HubHeaders.GROUP, patient));
    }

    private static Delivery delivery(String deliveryId, String hubMessageId, String recipient, String bundle) {
        return new Delivery(deliveryId, hubMessageId, OdsCode.of(recipient), bundle, List.of("DSA-TEST-1"), List.of());
    }

    private static String recipient() {
        return code("R");
    }
}
