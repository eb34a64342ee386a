package org.vanguard.routes;

import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * What every route test reaches for: the Camel context, a producer, a JMS client of the same broker and the
 * {@link Faults} to weave in. A class annotated {@code @UseAdviceWith} weaves once, then starts Camel; its context is
 * reused by all its tests, each with participants of its own ({@link #code}) so none reads another's queues.
 */
public abstract class RouteTest {

    /** How long a test waits for the broker and the route before it fails. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected ProducerTemplate producer;

    @Autowired
    protected JmsTemplate jms;

    @Autowired
    protected Faults faults;

    @BeforeEach
    void waitForMessages() {
        jms.setReceiveTimeout(WAIT.toMillis());
    }

    @AfterEach
    void disarmFaults() {
        faults.disarm();
    }

    /** Weaves {@link #faults} in before the node, unless Camel already runs (advised by an earlier test), and starts it. */
    protected void faultsBefore(String routeId, String nodeId) throws Exception {
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(
                camel, routeId, route -> route.weaveById(nodeId).before().process(faults));
        camel.start();
    }

    /** From here on a receive returns at once: for asserting that nothing (more) is there. */
    protected void noMoreWaiting() {
        jms.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
    }

    /** An ODS code no other test uses. */
    protected static String code(String prefix) {
        return prefix
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }
}
