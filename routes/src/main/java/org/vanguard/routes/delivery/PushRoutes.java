package org.vanguard.routes.delivery;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.vanguard.governance.participant.OdsCode;

/**
 * Starts and stops a participant's push route as its endpoint is registered and removed. Stopping waits for
 * the attempt in flight; a delivery not yet pushed stays on the mailbox queue.
 */
public final class PushRoutes {

    private final CamelContext camel;

    public PushRoutes(CamelContext camel) {
        this.camel = camel;
    }

    public static String routeId(OdsCode participant) {
        return "push." + participant.value();
    }

    /** Starts pushing the participant's mailbox; nothing happens when its route already runs. */
    public synchronized void start(OdsCode participant) {
        if (camel.getRoute(routeId(participant)) != null) {
            return;
        }
        TemplatedRouteBuilder.builder(camel, PushRoute.TEMPLATE)
                .routeId(routeId(participant))
                .parameter("ods", participant.value())
                .add();
    }

    /** Stops pushing; the mailbox is then collected over REST or AMQP again. */
    public synchronized void stop(OdsCode participant) {
        Route route = camel.getRoute(routeId(participant));
        if (route == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(route.getRouteId());
            camel.removeRoute(route.getRouteId());
        } catch (Exception e) {
            throw new IllegalStateException("could not stop pushing to " + participant, e);
        }
    }

    public boolean running(OdsCode participant) {
        return camel.getRoute(routeId(participant)) != null;
    }
}
