package org.vanguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.api.core.ActiveMQUnBlockedException;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.UncategorizedJmsException;

/**
 * A request the broker failed under (a broker pair failing over) is answered 503 with Retry-After and logged as a WARN
 * that says so; any other failure of the hub's own is a 503 too, and an ERROR.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerFailureAnswersTests {

    private final HubExceptionHandler handler = new HubExceptionHandler();

    @Test
    @DisplayName(
            "a blocking call the failover unblocked, and a JMS connection already closed, are WARNs with Retry-After")
    void brokerFailingOver(CapturedOutput output) {
        jakarta.jms.JMSException unblocked = new jakarta.jms.JMSException("AMQ219016");
        unblocked.initCause(new ActiveMQUnBlockedException("AMQ219016: Connection failure detected"));
        for (Exception failure : new Exception[] {
            new CamelExecutionException("send", null, new UncategorizedJmsException(unblocked)),
            new CamelExecutionException(
                    "send",
                    null,
                    new org.springframework.jms.IllegalStateException(
                            new jakarta.jms.IllegalStateException("Connection is closed")))
        }) {
            ResponseEntity<String> answer = handler.other(failure);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(answer.getBody()).contains("message broker", "send the same request again");
        }
        assertThat(output.getAll())
                .contains("A request met the broker connection failing (UNBLOCKED: AMQ219016")
                .contains("A request met the broker connection failing (JMS: Connection is closed)")
                .doesNotContain(" ERROR ");
    }

    @Test
    @DisplayName("any other failure of the hub's own is a 503 with Retry-After and an ERROR")
    void otherFailures(CapturedOutput output) {
        ResponseEntity<String> answer = handler.other(new IllegalStateException("a bug"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody()).contains("nothing was accepted");
        assertThat(output.getAll()).contains("ERROR", "The hub failed to handle a request");
    }
}
