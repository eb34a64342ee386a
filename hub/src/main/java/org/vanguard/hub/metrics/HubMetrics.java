package org.vanguard.hub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.decision.ReasonCode;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.message.HubEvent;
import org.vanguard.routes.delivery.DeadLetter;
import org.vanguard.routes.intake.IntakeObservations;

/**
 * The hub's own meters, each registered here at start with every tag value it can take (a Prometheus series that
 * exists only after its first event breaks rates and alerts). The hub's adapters call it where the event happens:
 * the intake ({@link IntakeObservations}), the audit writer (decisions, once committed), the receipts (deliveries), the
 * dead letters. Names follow Micrometer's dotted style; Prometheus shows {@code hub.decisions} as
 * {@code hub_decisions_total}.
 */
@Component
public class HubMetrics implements IntakeObservations {

    /** Messages accepted, tag {@code event}. */
    public static final String ACCEPTED = "hub.intake.accepted";
    /** Messages refused, tag {@code reason} (shared with the admission's {@code busy} and {@code over-share}). */
    public static final String REFUSED = "hub.intake.refused";
    /** Time to parse, read and check one message at the intake, tag {@code result}. */
    public static final String VALIDATION = "hub.intake.validation";
    /** Decisions taken, tags {@code outcome}, {@code purpose}, {@code stage}. */
    public static final String DECISIONS = "hub.decisions";
    /** Refusals by reason code (a denial may carry several), tags {@code reason}, {@code purpose}. */
    public static final String DENIALS = "hub.decisions.denied";
    /** Deliveries the recipient has, tag {@code channel} (push, ack, mailbox-read, mailbox-ack, amqp). */
    public static final String DELIVERED = "hub.deliveries";
    /** From acceptance of the message to the recipient having it, tag {@code channel}. */
    public static final String LATENCY = "hub.delivery.latency";
    /** Dead letters, tag {@code cause}. */
    public static final String DEAD_LETTERS = "hub.delivery.dead.letters";
    /** Time a caller waits for its audit entries to be committed (its group's append and commit). */
    public static final String AUDIT_WRITE = "hub.audit.write";

    /** The ways a recipient comes to have a delivery, as {@code Receipts} names them. */
    public static final List<String> CHANNELS = List.of("push", "ack", "mailbox-read", "mailbox-ack", "amqp");

    private final MeterRegistry registry;
    private final Map<HubEvent, Counter> accepted = new EnumMap<>(HubEvent.class);
    private final Map<Rejection, Counter> refused = new EnumMap<>(Rejection.class);
    private final Timer validationAccepted;
    private final Timer validationRefused;
    private final Map<String, Counter> decisions = new HashMap<>();
    private final Map<String, Counter> denials = new HashMap<>();
    private final Map<String, Counter> delivered = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<DeadLetter.Cause, Counter> deadLetters = new EnumMap<>(DeadLetter.Cause.class);
    private final Timer auditWrite;

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (HubEvent event : HubEvent.values()) {
            accepted.put(
                    event,
                    Counter.builder(ACCEPTED)
                            .tag("event", event.code())
                            .description("messages accepted and durably queued (or, for consent, kept)")
                            .register(registry));
        }
        for (Rejection reason : Rejection.values()) {
            refused.put(
                    reason,
                    Counter.builder(REFUSED)
                            .tag("reason", tag(reason.name()))
                            .description("messages refused as a client mistake (4xx) or at the intake bound")
                            .register(registry));
        }
        validationAccepted = validationTimer("accepted");
        validationRefused = validationTimer("refused");
        for (Purpose purpose : Purpose.values()) {
            for (AuditEntry.Outcome outcome : AuditEntry.Outcome.values()) {
                for (AuditEntry.Stage stage : AuditEntry.Stage.values()) {
                    decisions.put(
                            key(outcome.name(), purpose.code(), stage.name()),
                            Counter.builder(DECISIONS)
                                    .tag("outcome", tag(outcome.name()))
                                    .tag("purpose", purpose.code())
                                    .tag("stage", tag(stage.name()))
                                    .description("decisions taken (one per recipient and resource type), once audited")
                                    .register(registry));
                }
            }
            for (ReasonCode reason : ReasonCode.values()) {
                denials.put(
                        key(reason.name(), purpose.code()),
                        Counter.builder(DENIALS)
                                .tag("reason", reason.name())
                                .tag("purpose", purpose.code())
                                .description("denials by reason code")
                                .register(registry));
            }
        }
        CHANNELS.forEach(this::channel);
        for (DeadLetter.Cause cause : DeadLetter.Cause.values()) {
            deadLetters.put(
                    cause,
                    Counter.builder(DEAD_LETTERS)
                            .tag("cause", tag(cause.name()))
                            .description("deliveries given up on and stored for an operator")
                            .register(registry));
        }
        auditWrite = Timer.builder(AUDIT_WRITE)
                .publishPercentileHistogram()
                .description("a caller's wait for its audit entries to be appended and committed with its group")
                .register(registry);
    }

    @Override
    public void accepted(HubEvent event, Duration checking) {
        meter(accepted, event).increment();
        validationAccepted.record(checking);
    }

    @Override
    public void refused(Rejection reason, Duration checking) {
        meter(refused, reason).increment();
        validationRefused.record(checking);
    }

    /**
     * Counts audited decisions once their transaction commits (the audit writer may run inside a caller's transaction
     * that later rolls back; then nothing was decided for good and nothing is counted).
     */
    public void decided(List<AuditEntry> entries) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count(entries);
                }
            });
        } else {
            count(entries);
        }
    }

    private void count(List<AuditEntry> entries) {
        for (AuditEntry entry : entries) {
            String purpose = entry.request().purpose().code();
            meter(decisions, key(entry.outcome().name(), purpose, entry.stage().name()))
                    .increment();
            for (ReasonCode reason : entry.reasons()) {
                meter(denials, key(reason.name(), purpose)).increment();
            }
        }
    }

    /** A recipient has a delivery ({@code how}: the channel), accepted from its sender at {@code acceptedAt}. */
    public void delivered(String how, Instant acceptedAt, Instant now) {
        channel(how);
        meter(delivered, how).increment();
        if (acceptedAt != null && !now.isBefore(acceptedAt)) {
            meter(latency, how).record(Duration.between(acceptedAt, now));
        }
    }

    public void deadLettered(DeadLetter.Cause cause) {
        meter(deadLetters, cause).increment();
    }

    /** A meter registered up front (or by {@code channel}) for every key it is asked for. */
    private static <K, M> M meter(Map<K, M> meters, K key) {
        return Objects.requireNonNull(meters.get(key), () -> "no meter registered for " + key);
    }

    /** The timer around each audit write. */
    public Timer auditWrite() {
        return auditWrite;
    }

    private void channel(String how) {
        delivered.computeIfAbsent(
                how,
                c -> Counter.builder(DELIVERED)
                        .tag("channel", c)
                        .description("deliveries their recipient has, by the way it came to have them")
                        .register(registry));
        latency.computeIfAbsent(
                how,
                c -> Timer.builder(LATENCY)
                        .tag("channel", c)
                        .publishPercentileHistogram()
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .description("from the hub accepting a message to its recipient having it")
                        .register(registry));
    }

    private Timer validationTimer(String result) {
        return Timer.builder(VALIDATION)
                .tag("result", result)
                .publishPercentileHistogram()
                .description("parsing, reading and checking one message at the intake")
                .register(registry);
    }

    private static String key(String... parts) {
        return String.join("|", parts);
    }

    private static String tag(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
