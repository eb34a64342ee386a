package org.vanguard.hub.mailbox;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;

/**
 * Takes out of every mailbox the deliveries that may no longer leave. The REST mailbox decides each delivery
 * again when it is listed or read, but a participant consuming its mailbox over AMQP reads straight from the
 * broker; so when a Consent is withdrawn, an objection recorded, or an agreement changes, the waiting deliveries
 * are decided again here, soon after the change commits, and a withheld one is removed and audited. A sweep of
 * everything also runs on a fixed interval, for what changes with time alone (an agreement reaching its end date).
 */
@Component
public class MailboxSweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailboxSweep.class);

    private final MailboxService mailboxes;
    private final ParticipantDirectory participants;
    private final AgreementStore agreements;
    /**
     * A dispatch that decided before the change may commit its deliveries a moment after the first sweep looked;
     * a second sweep this long after the change catches them.
     */
    static final long SECOND_SWEEP_SECONDS = 10;

    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mailbox-sweep");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<AgreementCatalogue> lastSwept = new AtomicReference<>();

    public MailboxSweep(MailboxService mailboxes, ParticipantDirectory participants, AgreementStore agreements) {
        this.mailboxes = mailboxes;
        this.participants = participants;
        this.agreements = agreements;
    }

    /** After the change has committed, so the new decision sees it; on the sweeper thread, so the caller does not wait. */
    @TransactionalEventListener(fallbackExecution = true)
    public void on(GovernanceChanged change) {
        sweeper.submit(() -> sweep(change.patient(), change.what()));
        sweeper.schedule(() -> sweep(change.patient(), change.what() + ", second look"), SECOND_SWEEP_SECONDS,
                TimeUnit.SECONDS);
    }

    /** An agreement approved, suspended, resumed, terminated or reloaded replaces the catalogue. */
    @Scheduled(fixedDelayString = "${hub.mailbox.agreement-check-interval:PT1S}")
    void onAgreementChange() {
        AgreementCatalogue current = agreements.current();
        AgreementCatalogue previous = lastSwept.getAndSet(current);
        if (previous != null && previous != current) {
            sweeper.submit(() -> sweep(Optional.empty(), "agreements changed"));
        }
    }

    @Scheduled(fixedDelayString = "${hub.mailbox.sweep-interval:PT5M}", initialDelayString = "${hub.mailbox.sweep-interval:PT5M}")
    void sweepEverything() {
        sweeper.submit(() -> sweep(Optional.empty(), "periodic sweep"));
    }

    private void sweep(Optional<NhsNumber> patient, String why) {
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
            log.info("Mailbox sweep after '{}'{}: {} waiting deliveries withheld", why,
                    patient.map(p -> " for patient " + p).orElse(""), withheld);
        }
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
    }
}
