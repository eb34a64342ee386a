package org.vanguard.routes.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.participant.OdsCode;

/**
 * Decides whether a new message may be accepted, before it is queued: backpressure on the intake so that
 * "accepted" keeps meaning "will move through soon". Two rules, in order:
 * <ol>
 *   <li>the backlog for dispatch (depth or age of the oldest message) is at its bound: every sender is refused
 *       with 503 and {@code Retry-After};</li>
 *   <li>the backlog is past {@code fairShareFrom} of its bound: a sender with more waiting than the bound divided
 *       among the senders that have messages waiting is refused with 429, so one sender that keeps pushing cannot
 *       starve the others.</li>
 * </ol>
 * What each sender has waiting is counted here (accepted, less dispatched); it starts at zero when the hub starts
 * and is set back to zero whenever the broker reports an empty backlog, so a message that never completes dispatch
 * (dead-lettered) cannot hold its sender's count up for long. Acknowledgements and Consents are never refused here:
 * they do not go through the dispatch queue.
 */
public final class IntakeAdmission {

    /** The admission state an operator sees in health and metrics. */
    public record State(
            long depth, Duration oldestAge, boolean refusingAll, boolean holdingToShare, int sendersWaiting) {}

    private final IntakeBacklog backlog;
    private final AdmissionProperties properties;
    private final Clock clock;
    private final Map<String, AtomicLong> waitingBySender = new ConcurrentHashMap<>();
    private final LongAdder refusedBusy = new LongAdder();
    private final LongAdder refusedOverShare = new LongAdder();
    private volatile Reading reading = new Reading(0, Optional.empty(), Instant.MIN);

    private record Reading(long depth, Optional<Instant> oldest, Instant at) {}

    public IntakeAdmission(IntakeBacklog backlog, AdmissionProperties properties, Clock clock) {
        this.backlog = backlog;
        this.properties = properties;
        this.clock = clock;
    }

    /** Refuses the sender's next message when the rules above say so; otherwise returns quietly. */
    public void admit(OdsCode sender) {
        Instant now = clock.instant();
        Reading current = read(now);
        Duration age = age(current, now);
        if (current.depth() >= properties.maxDepth() || age.compareTo(properties.maxAge()) >= 0) {
            refusedBusy.increment();
            throw new IntakeBusyException(
                    IntakeBusyException.Kind.BUSY,
                    properties.retryAfter(),
                    "the hub is at its intake bound (" + current.depth()
                            + " messages waiting for dispatch, the oldest for "
                            + age.toSeconds() + " s; bounds " + properties.maxDepth() + " messages, "
                            + properties.maxAge().toSeconds() + " s): nothing was accepted, send it again after "
                            + properties.retryAfter().toSeconds() + " s");
        }
        if (current.depth() >= properties.fairShareFrom() * properties.maxDepth()) {
            long share = share();
            long waiting = waitingOf(sender.value());
            if (waiting >= share) {
                refusedOverShare.increment();
                throw new IntakeBusyException(
                        IntakeBusyException.Kind.OVER_SHARE,
                        properties.retryAfter(),
                        "the hub is busy and " + sender + " already has " + waiting
                                + " messages waiting for dispatch, its"
                                + " share of the intake bound (" + share
                                + "): nothing was accepted, send it again after "
                                + properties.retryAfter().toSeconds() + " s");
            }
        }
    }

    /** A message of the sender's is on the intake queue. */
    public void accepted(String sender) {
        waitingBySender.computeIfAbsent(sender, s -> new AtomicLong()).incrementAndGet();
    }

    /** A message of the sender's has been dispatched (its transaction committed). */
    public void dispatched(@Nullable String sender) {
        if (sender == null) {
            return;
        }
        AtomicLong waiting = waitingBySender.get(sender);
        if (waiting != null) {
            waiting.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    public State state() {
        Instant now = clock.instant();
        Reading current = read(now);
        Duration age = age(current, now);
        boolean all = current.depth() >= properties.maxDepth() || age.compareTo(properties.maxAge()) >= 0;
        boolean share = !all && current.depth() >= properties.fairShareFrom() * properties.maxDepth();
        return new State(current.depth(), age, all, share, sendersWaiting());
    }

    /** Messages refused since start because the hub was at its bound. */
    public long refusedBusy() {
        return refusedBusy.sum();
    }

    /** Messages refused since start because their sender was over its share. */
    public long refusedOverShare() {
        return refusedOverShare.sum();
    }

    long waitingOf(String sender) {
        AtomicLong waiting = waitingBySender.get(sender);
        return waiting == null ? 0 : waiting.get();
    }

    private long share() {
        return Math.max(1, properties.maxDepth() / Math.max(1, sendersWaiting()));
    }

    private int sendersWaiting() {
        int senders = 0;
        for (AtomicLong waiting : waitingBySender.values()) {
            if (waiting.get() > 0) {
                senders++;
            }
        }
        return senders;
    }

    private Reading read(Instant now) {
        Reading last = reading;
        if (Duration.between(last.at(), now).compareTo(properties.sampleEvery()) < 0) {
            return last;
        }
        Reading fresh = new Reading(backlog.depth(), backlog.oldestQueuedAt(), now);
        if (fresh.depth() == 0) {
            waitingBySender.clear();
        }
        reading = fresh;
        return fresh;
    }

    private static Duration age(Reading reading, Instant now) {
        return reading.oldest()
                .map(oldest -> Duration.between(oldest, now))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }
}
