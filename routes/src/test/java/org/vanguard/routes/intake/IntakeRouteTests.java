package org.vanguard.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.RouteTest;
import org.vanguard.routes.RouteTestApplication;

@CamelSpringBootTest
@SpringBootTest(classes = {RouteTestApplication.class, IntakeRoute.class})
@UseAdviceWith
class IntakeRouteTests extends RouteTest {

    private static final String QUEUE = "hub.intake.accepted";

    @Autowired
    private EmbeddedActiveMQ broker;

    @BeforeEach
    void advise() throws Exception {
        faultsBefore("intake.accept", "intake.enqueue");
    }

    @AfterEach
    void drain() {
        noMoreWaiting();
        while (jms.receive(QUEUE) != null) {
            // what a test left behind is not the next test's message
        }
    }

    @Test
    @DisplayName(
            "an accepted message is on the durable intake queue, persistent and with its headers, when the caller returns")
    void queuedBeforeReturning() throws Exception {
        String id = UUID.randomUUID().toString();

        producer.sendBodyAndHeaders(IntakeGateway.ACCEPT, "{\"resourceType\":\"Bundle\"}", headers(id, "9990000018"));

        // The send returns once the broker has stored the message; the queue's count follows on the broker's own
        // thread a moment later (seen 0 right after the send once), so it is awaited, not read at once.
        await().atMost(Duration.ofSeconds(5)).until(() -> intakeQueue().getMessageCount() == 1);
        Message queued = jms.receive(QUEUE);
        assertThat(((TextMessage) queued).getText()).isEqualTo("{\"resourceType\":\"Bundle\"}");
        assertThat(queued.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(queued.getStringProperty(HubHeaders.MESSAGE_ID)).isEqualTo(id);
        assertThat(queued.getStringProperty(HubHeaders.SENDER)).isEqualTo("CH001");
        assertThat(queued.getStringProperty(HubHeaders.GROUP)).isEqualTo("9990000018");
    }

    @Test
    @DisplayName("the same message accepted twice is one message on the queue, and the second sender is not failed")
    void duplicateDroppedSilently() {
        String id = UUID.randomUUID().toString();

        producer.sendBodyAndHeaders(IntakeGateway.ACCEPT, "first", headers(id, "9990000018"));
        producer.sendBodyAndHeaders(IntakeGateway.ACCEPT, "again", headers(id, "9990000018"));

        await().atMost(Duration.ofSeconds(5)).until(() -> intakeQueue().getMessageCount() == 1);
        assertThat(jms.receive(QUEUE)).isNotNull();
        noMoreWaiting();
        assertThat(jms.receive(QUEUE)).as("the second copy").isNull();
    }

    @Test
    @DisplayName("when the message cannot be queued the caller gets the failure at once: no redelivery, nothing queued")
    void callerHandlesErrors() {
        faults.failAlways();

        assertThatThrownBy(() -> producer.sendBodyAndHeaders(
                        IntakeGateway.ACCEPT, "lost?", headers(UUID.randomUUID().toString(), "9990000018")))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("injected failure at intake.accept");
        assertThat(faults.reached()).isEqualTo(1);
        assertThat(intakeQueue().getMessageCount()).isZero();
    }

    private Queue intakeQueue() {
        return broker.getActiveMQServer().locateQueue(QUEUE);
    }

    private static Map<String, Object> headers(String hubMessageId, String patient) {
        return Map.of(
                HubHeaders.MESSAGE_ID,
                hubMessageId,
                HubHeaders.SENDER,
                "CH001",
                HubHeaders.GROUP,
                patient,
                HubHeaders.DUPLICATE_ID,
                "intake:" + hubMessageId);
    }
}
