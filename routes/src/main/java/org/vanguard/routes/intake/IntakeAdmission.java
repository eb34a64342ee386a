package org.vanguard.routes.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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
 * What each sender has waiting is the hub's, not this node's: accepted and not yet dispatched on any node, as the
 * database records both ({@link IntakeBacklog#waitingBySender}), counted only while senders are held to their share,
 * at most once per {@code shareSampleEvery}, with what this node accepted since added on. Messages older than
 * {@code maxAge} are left out of the count: a backlog that old refuses everyone anyway, and a message that never
 * completes dispatch (dead-lettered) stops counting against its sender. Acknowledgements and Consents are never
 * refused here: they do not go through the dispatch queue.
 */
public final class IntakeAdmission {

    /** The admission state an operator sees in health and metrics. */
    public record State(
            long depth, Duration oldestAge, boolean refusingAll, boolean holdingToShare, int sendersWaiting) {}

    private final IntakeBacklog backlog;
    private final AdmissionProperties properties;
    private final Clock clock;
    private final Map<String, LongAdder> acceptedSinceCount = new ConcurrentHashMap<>();
    private final LongAdder refusedBusy = new LongAdder();
    private final LongAdder refusedOverShare = new LongAdder();
    private volatile Reading reading = new Reading(0, Optional.empty(), Instant.MIN);
    private volatile Count count = new Count(Map.of(), Instant.MIN);

    private record Reading(long depth, Optional<Instant> oldest, Instant at) {}

    /** Each sender's waiting messages as last counted, and when. */
    private record Count(Map<String, Long> waiting, Instant at) {}

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
            Map<String, Long> waitingBySender = waitingBySender(now);
            long share = Math.max(1, properties.maxDepth() / Math.max(1, waitingBySender.size()));
            long waiting = waitingBySender.getOrDefault(sender.value(), 0L);
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

    /** A message of the sender's is on the intake queue (and its key recorded): it counts until the next count. */
    public void accepted(String sender) {
        acceptedSinceCount.computeIfAbsent(sender, s -> new LongAdder()).increment();
    }

    public State state() {
        Instant now = clock.instant();
        Reading current = read(now);
        Duration age = age(current, now);
        boolean all = current.depth() >= properties.maxDepth() || age.compareTo(properties.maxAge()) >= 0;
        boolean share = !all && current.depth() >= properties.fairShareFrom() * properties.maxDepth();
        // Counted afresh only while senders are held to their share; otherwise the last count and this node's tally.
        Map<String, Long> waiting = share ? waitingBySender(now) : tallied(count);
        return new State(current.depth(), age, all, share, current.depth() == 0 ? 0 : waiting.size());
    }

    /** Messages refused since start because the hub was at its bound. */
    public long refusedBusy() {
        return refusedBusy.sum();
    }

    /** Messages refused since start because their sender was over its share. */
    public long refusedOverShare() {
        return refusedOverShare.sum();
    }

    /** What each sender has waiting: the last count, asked again once it is {@code shareSampleEvery} old, plus what
     * this node accepted since. */
    Map<String, Long> waitingBySender(Instant now) {
        Count last = count;
        if (Duration.between(last.at(), now).compareTo(properties.shareSampleEvery()) >= 0) {
            synchronized (this) {
                last = count;
                if (Duration.between(last.at(), now).compareTo(properties.shareSampleEvery()) >= 0) {
                    // Messages this node tallied have their keys committed (accepted() follows the key), so the
                    // database's count has them; what this node accepts from here on is added until the next count.
                    Map<String, Long> counted = Map.copyOf(backlog.waitingBySender(now.minus(properties.maxAge())));
                    acceptedSinceCount.clear();
                    last = new Count(counted, now);
                    count = last;
                }
            }
        }
        return tallied(last);
    }

    /** A count with what this node accepted since added on. */
    private Map<String, Long> tallied(Count last) {
        Map<String, Long> waiting = new HashMap<>(last.waiting());
        acceptedSinceCount.forEach((sender, accepted) -> waiting.merge(sender, accepted.sum(), Long::sum));
        waiting.values().removeIf(n -> n <= 0);
        return waiting;
    }

    private Reading read(Instant now) {
        Reading last = reading;
        if (Duration.between(last.at(), now).compareTo(properties.sampleEvery()) < 0) {
            return last;
        }
        Reading fresh = new Reading(backlog.depth(), backlog.oldestQueuedAt(), now);
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
