package org.vanguard.hub.agreement;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.vanguard.governance.agreement.AgreementLifecycle;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.hub.audit.AdminAudit;

/**
 * An agreement in force past its review date is a finding in any data-sharing audit (the ICO's data sharing code asks
 * for agreements to be reviewed on schedule). Once a day, and at start, every active agreement whose review date has
 * passed raises a warning: one {@code agreement.review-overdue} event in the audit chain per agreement version, a WARN
 * in the log, and the gauge {@code hub.agreements.review.overdue}; if {@code hub.governance.suspend-when-review-overdue}
 * is set, the hub also suspends it (flows stop until an IG officer resumes it after the review). The console's home
 * page lists the same agreements.
 */
@Component
public class ReviewReminders {

    /** Who the audit says raised the warning. */
    static final String ACTOR = "hub (review reminders)";

    static final String ACTION = "agreement.review-overdue";

    private static final Logger log = LoggerFactory.getLogger(ReviewReminders.class);

    private final FileAgreementStore agreements;
    private final AdminAudit audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean suspend;

    public ReviewReminders(
            FileAgreementStore agreements,
            AdminAudit audit,
            JdbcTemplate jdbc,
            Clock clock,
            MeterRegistry meters,
            @Value("${hub.governance.suspend-when-review-overdue:false}") boolean suspend) {
        this.agreements = agreements;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.suspend = suspend;
        // Counted when scraped, on every node alike: a resumption or a reload shows at once, not at the next check.
        Gauge.builder(
                        "hub.agreements.review.overdue",
                        this,
                        reminders -> reminders.late().size())
                .description("Active agreements whose review date has passed")
                .register(meters);
    }

    /** At start too, under the same lease: nodes of a cluster starting together would warn (and suspend) twice. */
    @EventListener(ApplicationReadyEvent.class)
    @SchedulerLock(name = "agreement-review-reminders", lockAtMostFor = "PT10M")
    public void atStart() {
        check();
    }

    /** Daily, on one node of a cluster at a time: two nodes would warn (and suspend) twice. */
    @Scheduled(cron = "${hub.governance.review-check:0 0 6 * * *}", zone = "UTC")
    @SchedulerLock(name = "agreement-review-reminders", lockAtMostFor = "PT10M")
    public void daily() {
        check();
    }

    /** The check; returns how many active agreements are past their review date. */
    public int check() {
        List<AgreementLifecycle> late = late();
        for (AgreementLifecycle lifecycle : late) {
            warn(lifecycle);
        }
        return late.size();
    }

    /** The active agreements past their review date today. */
    private List<AgreementLifecycle> late() {
        LocalDate today = LocalDate.now(clock);
        return agreements.lifecycles().stream()
                .filter(l -> l.status() == AgreementStatus.ACTIVE)
                .filter(l -> l.asWritten()
                        .reviewDate()
                        .map(review -> review.isBefore(today))
                        .orElse(false))
                .toList();
    }

    private void warn(AgreementLifecycle lifecycle) {
        String id = lifecycle.asWritten().id();
        String reference = id + " v" + lifecycle.asWritten().version();
        LocalDate review = lifecycle.asWritten().reviewDate().orElseThrow();
        log.warn("Agreement {} is past its review date {}", reference, review);
        Integer raised = jdbc.queryForObject(
                "select count(*) from audit_decision where action_name = ? and agreement_ref = ?",
                Integer.class,
                ACTION,
                reference);
        if (raised != null && raised > 0 && !suspend) {
            return;
        }
        String detail = "agreement " + reference + " is past its review date " + review
                + (suspend
                        ? "; suspended until an IG officer reviews and resumes it"
                        : "; it stays in force until an IG officer reviews it");
        audit.change(
                () -> {
                    if (suspend) {
                        agreements.change(id, l -> l.suspend("review date " + review + " passed", ACTOR, clock));
                    }
                    return reference;
                },
                done -> audit.by(ACTOR, ACTION, detail).aboutAgreement(done));
    }
}
