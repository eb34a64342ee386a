package org.vanguard.hub.intake;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.intake.IntakeBusyException;

/**
 * How many messages the hub takes in over HTTPS at once. The backlog bound ({@code IntakeAdmission}) protects what
 * waits for dispatch; this protects the intake itself. When requests arrive faster than two busy cores can accept and
 * dispatch them, the backlog for dispatch does not grow (accepting and dispatching share the CPU): the requests queue
 * in front of the hub instead, and the load harness measured senders waiting 20-30 s for an answer at twice the
 * sustainable rate, with nothing refused. So the requests inside intake are limited, and a request over the limit is
 * refused at once with 503 and {@code Retry-After}, before its body is parsed, rather than left to wait.
 *
 * <p>The limit adapts (Netflix's concurrency-limits, {@link Gradient2Limit}): it follows the ratio of the long-term to
 * the recent time a request takes inside intake, so it falls as the hub slows under load and grows again as it
 * recovers, between {@code min-limit} and {@code max-limit}. Only accepted messages' times count; a request refused for
 * the backlog bound counts as a drop, which lowers the limit too.
 *
 * <p>Fair share: from half the limit, a sender that already has the limit divided among the senders inside intake is
 * refused with 429, so one sender with many connections cannot take every place. This covers every request to
 * {@code $process-message}, acknowledgements and Consents included: when the CPU is the bottleneck, any request shed is
 * work saved.
 */
public final class IntakeConcurrency {

    /** A place inside intake, held until the request is answered; {@link #close()} gives it back. */
    public interface Permit extends AutoCloseable {

        /** The message was accepted: the time it took counts towards the limit. */
        void accepted();

        /** The request was refused for the backlog bound: the hub is overloaded, and the limit should fall. */
        void overloaded();

        @Override
        void close();
    }

    private static final Permit UNLIMITED = new Permit() {
        @Override
        public void accepted() {}

        @Override
        public void overloaded() {}

        @Override
        public void close() {}
    };

    private final IntakeConcurrencyProperties properties;
    private final SimpleLimiter<Void> limiter;
    private final Map<String, Integer> inside = new ConcurrentHashMap<>();
    private final LongAdder refusedAtLimit = new LongAdder();
    private final LongAdder refusedOverShare = new LongAdder();

    public IntakeConcurrency(IntakeConcurrencyProperties properties) {
        this.properties = properties;
        int max = Math.max(properties.minLimit(), properties.maxLimit());
        this.limiter = SimpleLimiter.newBuilder()
                .named("hub-intake")
                .limit(Gradient2Limit.newBuilder()
                        .initialLimit(Math.min(max, Math.max(properties.minLimit(), properties.initialLimit())))
                        .minLimit(properties.minLimit())
                        .maxConcurrency(max)
                        .build())
                .build();
    }

    /**
     * A place inside intake for one of the sender's requests.
     *
     * @throws IntakeBusyException at the limit (503), or over the sender's share of it (429)
     */
    public Permit acquire(OdsCode sender) {
        if (!properties.enabled()) {
            return UNLIMITED;
        }
        String who = sender.value();
        int limit = limiter.getLimit();
        int total = limiter.getInflight();
        if (total * 2 >= limit) {
            int senders = inside.size() + (inside.containsKey(who) ? 0 : 1);
            int share = Math.max(1, limit / senders);
            int mine = inside.getOrDefault(who, 0);
            if (mine >= share) {
                refusedOverShare.increment();
                throw new IntakeBusyException(
                        IntakeBusyException.Kind.OVER_SHARE,
                        properties.retryAfter(),
                        "the hub is taking in as many messages as it can and " + sender + " already has " + mine
                                + " being taken in, its share of the " + limit
                                + " at once: nothing was accepted, send it again after "
                                + properties.retryAfter().toSeconds() + " s");
            }
        }
        Optional<Limiter.Listener> listener = limiter.acquire(null);
        if (listener.isEmpty()) {
            refusedAtLimit.increment();
            throw new IntakeBusyException(
                    IntakeBusyException.Kind.BUSY,
                    properties.retryAfter(),
                    "the hub is taking in as many messages as it can at once (" + limit
                            + "): nothing was accepted, send it again after "
                            + properties.retryAfter().toSeconds() + " s");
        }
        inside.merge(who, 1, Integer::sum);
        return new Held(who, listener.get());
    }

    /** Requests inside intake at once before more are refused, as the limit now stands. */
    public int limit() {
        return limiter.getLimit();
    }

    /** Requests inside intake now. */
    public int inside() {
        return limiter.getInflight();
    }

    /** Requests refused since start at the limit. */
    public long refusedAtLimit() {
        return refusedAtLimit.sum();
    }

    /** Requests refused since start because their sender had its share. */
    public long refusedOverShare() {
        return refusedOverShare.sum();
    }

    private final class Held implements Permit {

        private final String who;
        private final Limiter.Listener listener;
        private boolean accepted;
        private boolean overloaded;
        private boolean closed;

        Held(String who, Limiter.Listener listener) {
            this.who = who;
            this.listener = listener;
        }

        @Override
        public void accepted() {
            accepted = true;
        }

        @Override
        public void overloaded() {
            overloaded = true;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            inside.computeIfPresent(who, (key, count) -> count > 1 ? count - 1 : null);
            if (overloaded) {
                listener.onDropped();
            } else if (accepted) {
                listener.onSuccess();
            } else {
                // A client's mistake, a stale version: answered early, its time says nothing of the load.
                listener.onIgnore();
            }
        }
    }
}
