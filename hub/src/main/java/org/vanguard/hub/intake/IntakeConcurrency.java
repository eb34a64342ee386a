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
 * recovers, between {@code min-limit} and {@code max-limit}. Only accepted messages' times count: a request answered
 * early (a client's mistake, a refusal for the backlog bound) would only make the hub look fast.
 *
 * <p>Fair share: from half the limit, a sender that already has the limit divided among the senders inside intake is
 * refused with 429, so one sender with many connections cannot take every place; a sender alone inside meets the
 * limit itself (503). This covers every request to
 * {@code $process-message}, acknowledgements and Consents included: when the CPU is the bottleneck, any request shed is
 * work saved.
 */
public final class IntakeConcurrency {

    /** A place inside intake, held until the request is answered; {@link #close()} gives it back. */
    public interface Permit extends AutoCloseable {

        /** The message was accepted: the time it took counts towards the limit. */
        void accepted();

        @Override
        void close();
    }

    private static final Permit UNLIMITED = new Permit() {
        @Override
        public void accepted() {}

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
        // Counted in before the check, so that a sender's requests arriving together see each other.
        int mine = inside.merge(who, 1, Integer::sum);
        boolean admitted = false;
        try {
            int limit = limiter.getLimit();
            int senders = inside.size();
            // A lone sender has no one to share with: at the limit it is simply the limit (503).
            if (senders > 1 && limiter.getInflight() * 2 >= limit) {
                int share = Math.max(1, limit / senders);
                if (mine > share) {
                    refusedOverShare.increment();
                    throw new IntakeBusyException(
                            IntakeBusyException.Kind.OVER_SHARE,
                            properties.retryAfter(),
                            "the hub is taking in as many messages as it can and " + sender + " already has "
                                    + (mine - 1) + " being taken in, its share of the " + limit
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
            admitted = true;
            return new Held(who, listener.get());
        } finally {
            if (!admitted) {
                countOut(who);
            }
        }
    }

    private void countOut(String who) {
        inside.computeIfPresent(who, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** Requests inside intake at once before more are refused, as the limit now stands. */
    public int limit() {
        return limiter.getLimit();
    }

    /** Requests inside intake now. */
    public int inside() {
        return limiter.getInflight();
    }

    /** Senders with requests inside intake now. */
    public int sendersInside() {
        return inside.size();
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
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            countOut(who);
            if (accepted) {
                listener.onSuccess();
            } else {
                // A client's mistake, a stale version, a refusal for the backlog: answered early, its time says nothing
                // of how long taking a message in takes now.
                listener.onIgnore();
            }
        }
    }
}
