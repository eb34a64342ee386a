package org.vanguard.hub.security;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ports the hub's web servers are bound to, once they are, so each security chain can be chosen by the port a
 * request came in on: the management port (localhost-only health and metrics) has its own child context, which
 * Spring Boot also puts behind the security filter.
 */
@Component
public class HubPorts {

    private volatile int management = -1;

    @EventListener
    void bound(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            management = event.getWebServer().getPort();
        }
    }

    /** The management port, or -1 while it is not bound (or shares the main port, where nothing is open). */
    public int management() {
        return management;
    }
}
