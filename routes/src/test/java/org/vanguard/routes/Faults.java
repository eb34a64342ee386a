package org.vanguard.routes;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A failure a test woven into a route (AdviceWith {@code weaveById(...).before().process(faults)}) and arms when it
 * wants that step to fail: the route under test meets a real exception at a real step, and the test counts how often
 * the step was reached. Disarmed, it does nothing, so one advised route serves every test of a class.
 */
public final class Faults implements Processor {

    private final AtomicInteger reached = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Predicate<Exchange> which = exchange -> true;

    /** The next {@code times} exchanges that {@code which} selects fail at the woven step. */
    public void failNext(int times, Predicate<Exchange> which) {
        this.which = which;
        failuresLeft.set(times);
        reached.set(0);
    }

    /** Every exchange reaching the woven step fails. */
    public void failAlways() {
        failNext(Integer.MAX_VALUE, exchange -> true);
    }

    public void disarm() {
        failuresLeft.set(0);
        reached.set(0);
    }

    /** How many exchanges reached the woven step since the test armed or disarmed it. */
    public int reached() {
        return reached.get();
    }

    @Override
    public void process(Exchange exchange) {
        reached.incrementAndGet();
        if (which.test(exchange) && failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("injected failure at " + exchange.getFromRouteId());
        }
    }
}
