package org.vanguard.hub.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
 * Replays dead-lettered deliveries as an operator asks, one job at a time in the background on Spring Boot's
 * application task executor, with progress kept in the database item by item, so a job a restart interrupted is
 * resumed at the next start from the first delivery it had not finished. Each delivery is decided again against today's agreements, Consent and objections,
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
    public record Job(String id, String requestedBy, Instant requestedAt, @Nullable Instant finishedAt, int total, int done,
            int delivered, int withheld, int alreadyDelivered, int failed, List<Item> items) {
    }

    /** One delivery of a job; outcome null while it waits. */
    public record Item(String deliveryId, String outcome, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcDeadLetters deadLetters;
    private final JdbcDeliveryLedger ledger;
    private final DeliveryRecheck recheck;
    private final MailboxDrop drop;
    private final RecipientDecisions decisions;
    private final DeliverySigner signer;
    private final Clock clock;
    private final Executor executor;
    /** Jobs run one at a time, whichever executor thread picks them up: two jobs must not replay one delivery twice. */
    private final Object oneJobAtATime = new Object();

    public ReplayService(JdbcTemplate jdbc, JdbcDeadLetters deadLetters, JdbcDeliveryLedger ledger, DeliveryRecheck recheck,
            MailboxDrop drop, RecipientDecisions decisions, DeliverySigner signer, Clock clock,
            @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor executor) {
        this.executor = executor;
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
        jdbc.update("insert into replay_job (id, requested_by, requested_at, total, done, delivered, withheld, already_delivered, failed)"
                + " values (?, ?, ?, ?, 0, 0, 0, 0, 0)", id, requestedBy, Timestamp.from(clock.instant()), distinct.size());
        for (String deliveryId : distinct) {
            jdbc.update("insert into replay_item (job_id, delivery_id) values (?, ?)", id, deliveryId);
        }
        log.info("{} started replay {} of {} deliveries", requestedBy, id, distinct.size());
        submit(id, distinct, requestedBy);
        return id;
    }

    /**
     * Resumes every job a stop interrupted, with the deliveries it had not finished. A delivery it was half-way
     * through is found already back in delivery and reported so, never sent twice.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeUnfinished() {
        jdbc.query("select id, requested_by from replay_job where finished_at is null order by requested_at", (rs, n) ->
                Map.entry(rs.getString("id"), rs.getString("requested_by"))).forEach(job -> {
            List<String> remaining = jdbc.queryForList("select delivery_id from replay_item where job_id = ? and outcome is null"
                    + " order by delivery_id", String.class, job.getKey());
            log.info("Resuming replay {} with the {} deliveries it had not finished", job.getKey(), remaining.size());
            submit(job.getKey(), remaining, job.getValue());
        });
    }

    private void submit(String id, List<String> deliveryIds, String requestedBy) {
        executor.execute(() -> {
            synchronized (oneJobAtATime) {
                try {
                    run(id, deliveryIds, requestedBy);
                } catch (RuntimeException e) {
                    log.error("Replay {} stopped; its progress shows how far it got", id, e);
                }
            }
        });
    }

    public Optional<Job> job(String id) {
        List<Item> items = jdbc.query("select delivery_id, outcome, detail from replay_item where job_id = ? order by delivery_id",
                (rs, n) -> new Item(rs.getString("delivery_id"), rs.getString("outcome"), rs.getString("detail")), id);
        return jdbc.query("select * from replay_job where id = ?", (rs, n) -> new Job(rs.getString("id"),
                rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("finished_at")).map(Timestamp::toInstant).orElse(null),
                rs.getInt("total"), rs.getInt("done"), rs.getInt("delivered"), rs.getInt("withheld"), rs.getInt("already_delivered"),
                rs.getInt("failed"), items), id).stream().findFirst();
    }

    private void run(String jobId, List<String> deliveryIds, String requestedBy) {
        for (String deliveryId : deliveryIds) {
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
            jdbc.update("update replay_item set outcome = ?, detail = ? where job_id = ? and delivery_id = ?",
                    result.getKey().name(), result.getValue().length() > 4000 ? result.getValue().substring(0, 4000)
                            : result.getValue(), jobId, deliveryId);
            jdbc.update("update replay_job set done = done + 1, " + counter + " = " + counter + " + 1 where id = ?", jobId);
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
                .map(request -> new DecisionRequest(request.sender(), request.recipient(), request.purpose(), request.patient(),
                        request.resourceType(), Optional.empty()))
                .toList();
        if (HubHeaders.HUB_SENDER.equals(dead.sender())) {
            // The hub's own notice to a sender: it carries no shared record and nothing to decide.
            return requeue(jobId, deliveryId, requestedBy, dead);
        }
        if (questions.isEmpty()) {
            return Map.entry(Outcome.FAILED, "the delivery does not say which questions it was permitted on, so it cannot"
                    + " be decided again; nothing was sent");
        }
        String occasion = "on replay " + jobId + " by " + requestedBy;
        Optional<List<Decision.Permit>> today = recheck.permitsToday(dead.hubMessageId(), questions, occasion);
        Optional<WaitingDelivery> released = today.flatMap(permits -> releaseAgain(dead, permits));
        if (released.isEmpty()) {
            String why = today.isEmpty() ? "no longer permitted under today's agreements and Consent"
                    : "permitted, but nothing in it may leave under today's obligations (each resource withheld whole)";
            ledger.note(deliveryId, dead.hubMessageId(), dead.recipient(), "replay-withheld", "replay " + jobId + ": " + why);
            return Map.entry(Outcome.WITHHELD, why + "; see the audit");
        }
        // Audited before it leaves, as at dispatch: a send that then fails leaves one release too many in the
        // audit, never a release that is not in it.
        recheck.auditReleased(dead.hubMessageId(), today.get(), "replay:" + jobId, occasion);
        return requeue(jobId, deliveryId, requestedBy, released.get());
    }

    private Map.Entry<Outcome, String> requeue(String jobId, String deliveryId, String requestedBy, WaitingDelivery delivery) {
        drop.put(delivery.recipient(), delivery, "replay:" + jobId + ":" + deliveryId,
                delivery.patient() == null ? deliveryId : delivery.patient());
        deadLetters.mark(deliveryId, JdbcDeadLetters.Status.REPLAYED);
        ledger.note(deliveryId, delivery.hubMessageId(), delivery.recipient(), "replayed",
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
        List<Resource> together = dispatched.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(java.util.Objects::nonNull).toList();
        Bundle again = MessageBundles.deliveryFor(dispatched, dead.hubMessageId(),
                dead.recipient().value(), resource -> decisions.release(resource, permitted, together));
        if (again.getEntry().size() < 2) {
            return Optional.empty();
        }
        String json = FhirParsing.toJson(again);
        return Optional.of(dead.releasedAgain(json, signer.sign(json.getBytes(StandardCharsets.UTF_8)),
                permitted.agreements(), permitted.requests()));
    }
}
