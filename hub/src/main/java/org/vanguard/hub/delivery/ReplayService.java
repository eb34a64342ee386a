package org.vanguard.hub.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.message.MessageBundles;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.delivery.MailboxDrop;
import org.vanguard.routes.delivery.WaitingDelivery;
import org.vanguard.routes.dispatch.DeliveryRecheck;
import org.vanguard.routes.dispatch.DeliverySigner;
import org.vanguard.routes.dispatch.RecipientDecisions;

/**
 * Replays dead-lettered deliveries as an operator asks, one job at a time across the cluster in the background on
 * Spring Boot's application task executor, with progress kept in the database item by item. The node that runs jobs
 * holds the {@code replay-jobs} lease ({@link LockProvider}) and renews it after each delivery; if it dies, its lease
 * runs out ({@code hub.cluster.lock-at-most-for}) and whichever node looks next (every node looks every
 * {@code hub.delivery.replay-poll}, and at its start) resumes the job from the first delivery it had not finished. Each delivery is decided again against today's agreements, Consent and objections,
 * and without the emergency override it may have been sent under: an override answered one emergency,
 * not a replay days later. What may still leave is released again under today's permits (an agreement narrowed
 * since narrows the content), signed anew and goes back to its recipient's mailbox (and so to its push
 * endpoint) under the same delivery id; what the recipient already has is not sent again. Today's decisions are
 * audited: denials when they withhold it, permits just before it goes back out, each replay's on its own.
 */
@Service
public class ReplayService {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    /** What became of one delivery in a replay. */
    public enum Outcome {
        /** Decided again, permitted, and handed back to delivery. */
        DELIVERED,
        /** No longer permitted today: not sent, and the decision audited. */
        WITHHELD,
        /** The recipient already has it: nothing sent. */
        ALREADY_DELIVERED,
        /** Not replayable: no such dead letter, or already replayed. */
        FAILED
    }

    /** A job's progress as an operator sees it. */
    public record Job(
            String id,
            String requestedBy,
            Instant requestedAt,
            @Nullable Instant finishedAt,
            int total,
            int done,
            int delivered,
            int withheld,
            int alreadyDelivered,
            int failed,
            List<Item> items) {}

    /** One delivery of a job; outcome null while it waits. */
    public record Item(String deliveryId, String outcome, String detail) {}

    private final JdbcTemplate jdbc;
    private final JdbcDeadLetters deadLetters;
    private final JdbcDeliveryLedger ledger;
    private final DeliveryRecheck recheck;
    private final MailboxDrop drop;
    private final RecipientDecisions decisions;
    private final DeliverySigner signer;
    private final Clock clock;
    /** The lease's name: jobs run one at a time on one node, so two jobs never replay one delivery twice. */
    static final String LEASE = "replay-jobs";

    private final Executor executor;
    private final LockProvider leases;
    private final Duration leaseFor;
    /** Jobs run one at a time, whichever executor thread picks them up: two jobs must not replay one delivery twice. */
    private final Object oneJobAtATime = new Object();

    public ReplayService(
            JdbcTemplate jdbc,
            JdbcDeadLetters deadLetters,
            JdbcDeliveryLedger ledger,
            DeliveryRecheck recheck,
            MailboxDrop drop,
            RecipientDecisions decisions,
            DeliverySigner signer,
            Clock clock,
            @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor executor,
            LockProvider leases,
            @Value("${hub.cluster.lock-at-most-for:PT30S}") Duration leaseFor) {
        this.executor = executor;
        this.leases = leases;
        this.leaseFor = leaseFor;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
        this.recheck = recheck;
        this.drop = drop;
        this.decisions = decisions;
        this.signer = signer;
        this.clock = clock;
    }

    /** Records the job and starts it; the returned id is for {@link #job(String)}. */
    public String start(List<String> deliveryIds, String requestedBy) {
        String id = UUID.randomUUID().toString();
        List<String> distinct = deliveryIds.stream().distinct().toList();
        jdbc.update(
                "insert into replay_job (id, requested_by, requested_at, total, done, delivered, withheld, already_delivered, failed)"
                        + " values (?, ?, ?, ?, 0, 0, 0, 0, 0)",
                id,
                requestedBy,
                Timestamp.from(clock.instant()),
                distinct.size());
        for (String deliveryId : distinct) {
            jdbc.update("insert into replay_item (job_id, delivery_id) values (?, ?)", id, deliveryId);
        }
        log.info("{} started replay {} of {} deliveries", requestedBy, id, distinct.size());
        executor.execute(this::runUnfinished);
        return id;
    }

    /**
     * Runs every unfinished job, oldest first, from the deliveries it had not finished, if this node gets the lease:
     * at start, every {@code hub.delivery.replay-poll}, and when a job is started here. A job another node was running
     * when it died is resumed once that node's lease has run out. A delivery it was half-way through is found already
     * back in delivery and reported so, or meets the broker's duplicate detection (same replay id), never sent twice.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(
            fixedDelayString = "${hub.delivery.replay-poll:PT10S}",
            initialDelayString = "${hub.delivery.replay-poll:PT10S}")
    public void runUnfinished() {
        Integer unfinished =
                jdbc.queryForObject("select count(*) from replay_job where finished_at is null", Integer.class);
        if (unfinished == null || unfinished == 0) {
            return;
        }
        synchronized (oneJobAtATime) {
            Optional<SimpleLock> taken =
                    leases.lock(new LockConfiguration(clock.instant(), LEASE, leaseFor, Duration.ZERO));
            if (taken.isEmpty()) {
                return;
            }
            Lease lease = new Lease(taken.get());
            try {
                for (Map.Entry<String, String> job = nextJob(); job != null && lease.held(); job = nextJob()) {
                    List<String> remaining = jdbc.queryForList(
                            "select delivery_id from replay_item where job_id = ?"
                                    + " and outcome is null order by delivery_id",
                            String.class,
                            job.getKey());
                    log.info(
                            "Running replay {} with the {} deliveries it has not finished",
                            job.getKey(),
                            remaining.size());
                    run(job.getKey(), remaining, job.getValue(), lease);
                }
            } catch (RuntimeException e) {
                log.error("Replays stopped; their progress shows how far they got", e);
            } finally {
                lease.release();
            }
        }
    }

    private Map.@Nullable Entry<String, String> nextJob() {
        return jdbc
                .query(
                        "select id, requested_by from replay_job where finished_at is null order by requested_at, id",
                        (rs, n) -> Map.entry(rs.getString("id"), rs.getString("requested_by")))
                .stream()
                .findFirst()
                .orElse(null);
    }

    /** The replay lease, renewed after each delivery; lost when a renewal fails (another node may then take it). */
    private final class Lease {
        private @Nullable SimpleLock lock;

        Lease(SimpleLock lock) {
            this.lock = lock;
        }

        boolean held() {
            return lock != null;
        }

        void renew() {
            if (lock != null) {
                lock = lock.extend(leaseFor, Duration.ZERO).orElse(null);
                if (lock == null) {
                    log.warn("This node lost the replay lease; another node resumes the replays");
                }
            }
        }

        void release() {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    public Optional<Job> job(String id) {
        List<Item> items = jdbc.query(
                "select delivery_id, outcome, detail from replay_item where job_id = ? order by delivery_id",
                (rs, n) -> new Item(rs.getString("delivery_id"), rs.getString("outcome"), rs.getString("detail")),
                id);
        return jdbc
                .query(
                        "select * from replay_job where id = ?",
                        (rs, n) -> new Job(
                                rs.getString("id"),
                                rs.getString("requested_by"),
                                rs.getTimestamp("requested_at").toInstant(),
                                Optional.ofNullable(rs.getTimestamp("finished_at"))
                                        .map(Timestamp::toInstant)
                                        .orElse(null),
                                rs.getInt("total"),
                                rs.getInt("done"),
                                rs.getInt("delivered"),
                                rs.getInt("withheld"),
                                rs.getInt("already_delivered"),
                                rs.getInt("failed"),
                                items),
                        id)
                .stream()
                .findFirst();
    }

    private void run(String jobId, List<String> deliveryIds, String requestedBy, Lease lease) {
        for (String deliveryId : deliveryIds) {
            if (!lease.held()) {
                return;
            }
            Map.Entry<Outcome, String> result;
            try {
                result = replay(jobId, deliveryId, requestedBy);
            } catch (RuntimeException e) {
                log.warn("Replay {} could not replay delivery {}", jobId, deliveryId, e);
                result = Map.entry(Outcome.FAILED, "the hub could not replay it: " + e.getMessage());
            }
            String counter = switch (result.getKey()) {
                case DELIVERED -> "delivered";
                case WITHHELD -> "withheld";
                case ALREADY_DELIVERED -> "already_delivered";
                case FAILED -> "failed";
            };
            jdbc.update(
                    "update replay_item set outcome = ?, detail = ? where job_id = ? and delivery_id = ?",
                    result.getKey().name(),
                    result.getValue().length() > 4000 ? result.getValue().substring(0, 4000) : result.getValue(),
                    jobId,
                    deliveryId);
            jdbc.update(
                    "update replay_job set done = done + 1, " + counter + " = " + counter + " + 1 where id = ?", jobId);
            lease.renew();
        }
        if (!lease.held()) {
            return;
        }
        jdbc.update("update replay_job set finished_at = ? where id = ?", Timestamp.from(clock.instant()), jobId);
        log.info("Replay {} finished", jobId);
    }

    private Map.Entry<Outcome, String> replay(String jobId, String deliveryId, String requestedBy) {
        if (ledger.delivered(deliveryId)) {
            return Map.entry(Outcome.ALREADY_DELIVERED, "the recipient already has this delivery; nothing was sent");
        }
        Optional<JdbcDeadLetters.Stored> stored = deadLetters.find(deliveryId);
        if (stored.isEmpty()) {
            return Map.entry(Outcome.FAILED, "no dead letter with this delivery id");
        }
        if (stored.get().status() != JdbcDeadLetters.Status.DEAD) {
            return Map.entry(Outcome.FAILED, "already replayed; it is back in delivery");
        }
        WaitingDelivery dead = stored.get().deadLetter().delivery();
        List<DecisionRequest> questions = dead.decided().stream()
                .map(request -> new DecisionRequest(
                        request.sender(),
                        request.recipient(),
                        request.purpose(),
                        request.patient(),
                        request.resourceType(),
                        Optional.empty()))
                .toList();
        if (HubHeaders.HUB_SENDER.equals(dead.sender())) {
            // The hub's own notice to a sender: it carries no shared record and nothing to decide.
            return requeue(jobId, deliveryId, requestedBy, dead);
        }
        if (questions.isEmpty()) {
            return Map.entry(
                    Outcome.FAILED,
                    "the delivery does not say which questions it was permitted on, so it cannot"
                            + " be decided again; nothing was sent");
        }
        String occasion = "on replay " + jobId + " by " + requestedBy;
        Optional<List<Decision.Permit>> today = recheck.permitsToday(dead.hubMessageId(), questions, occasion);
        Optional<WaitingDelivery> released = today.flatMap(permits -> releaseAgain(dead, permits));
        if (released.isEmpty()) {
            String why = today.isEmpty()
                    ? "no longer permitted under today's agreements and Consent"
                    : "permitted, but nothing in it may leave under today's obligations (each resource withheld whole)";
            ledger.note(
                    deliveryId,
                    dead.hubMessageId(),
                    dead.recipient(),
                    "replay-withheld",
                    "replay " + jobId + ": " + why);
            return Map.entry(Outcome.WITHHELD, why + "; see the audit");
        }
        // Audited before it leaves, as at dispatch: a send that then fails leaves one release too many in the
        // audit, never a release that is not in it.
        recheck.auditReleased(dead.hubMessageId(), today.get(), "replay:" + jobId, occasion);
        return requeue(jobId, deliveryId, requestedBy, released.get());
    }

    private Map.Entry<Outcome, String> requeue(
            String jobId, String deliveryId, String requestedBy, WaitingDelivery delivery) {
        drop.put(
                delivery.recipient(),
                delivery,
                "replay:" + jobId + ":" + deliveryId,
                delivery.patient() == null ? deliveryId : delivery.patient());
        deadLetters.mark(deliveryId, JdbcDeadLetters.Status.REPLAYED);
        ledger.note(
                deliveryId,
                delivery.hubMessageId(),
                delivery.recipient(),
                "replayed",
                "replay " + jobId + " by " + requestedBy + ": back in the mailbox of " + delivery.recipient());
        return Map.entry(Outcome.DELIVERED, "decided again and back in the mailbox of " + delivery.recipient());
    }

    /**
     * The dead letter's content released again under today's permits and signed anew, or empty when nothing
     * in it may leave. It is released from the bundle as dispatched, so it never carries more than the
     * dispatch let out; an agreement narrowed since (fewer elements, de-identification, sensitive categories
     * no longer shared) narrows it.
     */
    private Optional<WaitingDelivery> releaseAgain(WaitingDelivery dead, List<Decision.Permit> permits) {
        RecipientDecisions.Permitted permitted = decisions.permittedBy(permits);
        Bundle dispatched = FhirParsing.fromTrustedJson(Bundle.class, dead.bundle());
        List<Resource> together = dispatched.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(java.util.Objects::nonNull)
                .toList();
        Bundle again = MessageBundles.deliveryFor(
                dispatched,
                dead.hubMessageId(),
                dead.recipient().value(),
                resource -> decisions.release(resource, permitted, together));
        if (again.getEntry().size() < 2) {
            return Optional.empty();
        }
        String json = FhirParsing.toJson(again);
        return Optional.of(dead.releasedAgain(
                json,
                signer.sign(json.getBytes(StandardCharsets.UTF_8)),
                permitted.agreements(),
                permitted.requests()));
    }
}
