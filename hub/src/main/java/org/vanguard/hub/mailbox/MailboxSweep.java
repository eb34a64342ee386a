package org.vanguard.hub.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;

/**
 * Takes out of every mailbox the deliveries that may no longer leave. The REST mailbox decides each delivery
 * again when it is listed or read, but a participant consuming its mailbox over AMQP reads straight from the
 * broker; so when a Consent is withdrawn, an objection recorded, or an agreement changes, the waiting deliveries
 * are decided again here, soon after the change commits, and a withheld one is removed and audited: each change
 * arrives as a {@link GovernanceChanged} (the agreement store publishes one for each new catalogue), nothing is
 * polled. A sweep of everything also runs on a fixed interval, for what changes with time alone (an agreement
 * reaching its end date). Sweeps run on Spring's task scheduler, one at a time across the cluster: each holds the
 * {@code mailbox-sweep} lease ({@link LockProvider}), and a sweep after a change that finds it held (another node is
 * sweeping, perhaps since before the change) tries again shortly after.
 */
@Component
public class MailboxSweep {

    private static final Logger log = LoggerFactory.getLogger(MailboxSweep.class);

    private final MailboxService mailboxes;
    private final ParticipantDirectory participants;
    /**
     * A dispatch that decided before the change may commit its deliveries a moment after the first sweep looked;
     * a second sweep this long after the change catches them.
     */
    static final long SECOND_SWEEP_SECONDS = 10;

    /** The lease's name, shared by the periodic sweep and the sweeps after a change. */
    static final String LEASE = "mailbox-sweep";
    /** How long a sweep may hold the lease if its node dies in it. */
    static final Duration LEASE_AT_MOST = Duration.ofMinutes(30);
    /** When the lease is held elsewhere, a sweep after a change tries again this much later. */
    static final Duration RETRY = Duration.ofSeconds(2);

    private final TaskScheduler scheduler;
    private final LockProvider leases;
    /** Sweeps one at a time, whichever scheduler thread runs them: two sweeps must not withdraw the same delivery. */
    private final Object sweeping = new Object();

    public MailboxSweep(
            MailboxService mailboxes, ParticipantDirectory participants, TaskScheduler scheduler, LockProvider leases) {
        this.mailboxes = mailboxes;
        this.participants = participants;
        this.scheduler = scheduler;
        this.leases = leases;
    }

    /** After the change has committed, so the new decision sees it; on the scheduler, so the caller does not wait. */
    @TransactionalEventListener(fallbackExecution = true)
    public void on(GovernanceChanged change) {
        Instant now = scheduler.getClock().instant();
        scheduler.schedule(() -> sweepUnderLease(change.patient(), change.what()), now);
        scheduler.schedule(
                () -> sweepUnderLease(change.patient(), change.what() + ", second look"),
                now.plusSeconds(SECOND_SWEEP_SECONDS));
    }

    @Scheduled(
            fixedDelayString = "${hub.mailbox.sweep-interval:PT5M}",
            initialDelayString = "${hub.mailbox.sweep-interval:PT5M}")
    @SchedulerLock(name = LEASE, lockAtMostFor = "PT30M")
    public void sweepEverything() {
        sweep(Optional.empty(), "periodic sweep");
    }

    /** A sweep after a change must happen: when another sweep holds the lease, it is tried again shortly after. */
    private void sweepUnderLease(Optional<NhsNumber> patient, String why) {
        Optional<SimpleLock> lease =
                leases.lock(new LockConfiguration(scheduler.getClock().instant(), LEASE, LEASE_AT_MOST, Duration.ZERO));
        if (lease.isEmpty()) {
            scheduler.schedule(
                    () -> sweepUnderLease(patient, why),
                    scheduler.getClock().instant().plus(RETRY));
            return;
        }
        try {
            sweep(patient, why);
        } finally {
            lease.get().unlock();
        }
    }

    private void sweep(Optional<NhsNumber> patient, String why) {
        synchronized (sweeping) {
            sweepNow(patient, why);
        }
    }

    private void sweepNow(Optional<NhsNumber> patient, String why) {
        int withheld = 0;
        try {
            for (Participant participant : participants.all()) {
                withheld += mailboxes.withdrawNoLongerPermitted(participant.ods(), patient);
            }
        } catch (RuntimeException e) {
            // The next change or the periodic sweep tries again; the REST mailbox re-decides on reading anyway.
            log.warn("Mailbox sweep after '{}' stopped: {}", why, e.toString());
            return;
        }
        if (withheld > 0) {
            log.info(
                    "Mailbox sweep after '{}'{}: {} waiting deliveries withheld",
                    why,
                    patient.map(p -> " for patient " + p).orElse(""),
                    withheld);
        }
    }
}
