package org.vanguard.hub.startup;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the providers' HTTPS port from taking connections until the hub is ready for traffic. Spring Boot starts
 * Tomcat as its context refreshes, and Camel's routes (intake, dispatch) only after that, with the runners: seconds in
 * which a provider's message could only be refused. So the connector is paused the moment it has started (bound, not
 * accepting: a client's connection waits in the listen backlog) and resumed once Spring Boot reports the application
 * ready for traffic; a request that reaches the servlet before that is still refused by the readiness gate with 503 and
 * {@code Retry-After}. The console's and the management port are not held: people and the node's monitoring see the
 * hub start.
 */
@Component
public class ServeWhenReady implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(ServeWhenReady.class);

    private final List<Connector> held = new CopyOnWriteArrayList<>();
    private volatile boolean ready;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.addLifecycleListener(event -> {
            if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                hold(connector);
            }
        }));
    }

    private synchronized void hold(Connector connector) {
        if (!ready) {
            connector.pause();
            held.add(connector);
        }
    }

    /** Resumes the held connectors once the application is ready for traffic (and holds none after that). */
    @EventListener
    public synchronized void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC || ready) {
            return;
        }
        ready = true;
        for (Connector connector : held) {
            connector.resume();
            log.info("Port {} takes connections now that the hub is ready for traffic", connector.getLocalPort());
        }
        held.clear();
    }
}
