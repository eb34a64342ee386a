package org.vanguard.hub.console.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementLifecycle;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.agreement.FileAgreementStore;
import org.vanguard.hub.metrics.BrokerMetrics;
import org.vanguard.hub.metrics.HubMetrics;
import org.vanguard.routes.RouteProperties;

/**
 * The dashboard's figures over a window, from where the hub keeps them: decisions taken at dispatch from the audit chain
 * (a message is received once its dispatch is audited; permitted and denied are its decisions, one per recipient and
 * resource type; denied by reason code), receipts (delivered) from the same chain, dead letters from their table,
 * break-glass from the review queue, agreements from the agreement store, and the live meters for what only they know
 * (refusals at the intake, mailbox depths, delivery latency percentiles since the node started).
 */
@Service
public class FlowFigures {

    /** Buckets of an hour for windows up to two days, of a day beyond. */
    static final Duration HOURLY_UP_TO = Duration.ofDays(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final FileAgreementStore agreements;
    private final ParticipantDirectory participants;
    private final RouteProperties routes;
    private final BrokerMetrics.MailboxDepths depths;
    private final MeterRegistry registry;

    public FlowFigures(
            JdbcTemplate jdbc,
            Clock clock,
            FileAgreementStore agreements,
            ParticipantDirectory participants,
            RouteProperties routes,
            BrokerMetrics.MailboxDepths depths,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.agreements = agreements;
        this.participants = participants;
        this.routes = routes;
        this.depths = depths;
        this.registry = registry;
    }

    /** The figures over the window ending now. */
    public record Figures(
            Instant from,
            Instant to,
            String bucket,
            List<String> buckets,
            long received,
            long permitted,
            long denied,
            long delivered,
            long deadLettered,
            Map<String, long[]> perBucket,
            Map<String, Long> deniedByReason,
            Map<String, long[]> perParticipant,
            Map<String, long[]> perPurpose,
            Map<String, Double> latencySeconds,
            Map<String, Long> mailboxDepths,
            Map<String, Long> refusedAtIntake,
            long overrides,
            long reviewsOutstanding,
            long reviewsOverdue,
            Map<String, Long> agreementsByStatus,
            List<String> agreementsDueForReview) {}

    /** Series in {@code perBucket}: per bucket, in this order. */
    public static final List<String> SERIES = List.of("received", "permitted", "denied", "delivered", "dead-lettered");

    public Figures over(Duration window, int reviewWarningDays) {
        Instant to = clock.instant();
        Instant from = to.minus(window);
        boolean hourly = window.compareTo(HOURLY_UP_TO) <= 0;
        ChronoUnit unit = hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Map<String, long[]> perBucket = new LinkedHashMap<>();
        for (Instant b = from.truncatedTo(unit); !b.isAfter(to); b = b.plus(1, unit)) {
            perBucket.put(label(b, hourly), new long[SERIES.size()]);
        }
        Map<String, Long> deniedByReason = new TreeMap<>();
        Map<String, long[]> perParticipant = new TreeMap<>();
        Map<String, long[]> perPurpose = new TreeMap<>();
        Set<String> messages = new HashSet<>();
        long[] totals = new long[SERIES.size()];
        jdbc.query(
                """
                select recorded_at, message_id, sender_ods, purpose, outcome, reason_codes from audit_decision
                where event_kind = 'DISPATCH' and recorded_at >= ? and recorded_at <= ?""",
                rs -> {
                    Instant at = rs.getTimestamp("recorded_at").toInstant();
                    long[] bucket = perBucket.computeIfAbsent(
                            label(at.truncatedTo(unit), hourly), k -> new long[SERIES.size()]);
                    String sender = rs.getString("sender_ods");
                    String purpose = rs.getString("purpose");
                    long[] bySender = perParticipant.computeIfAbsent(sender, k -> new long[3]);
                    long[] byPurpose = perPurpose.computeIfAbsent(purpose, k -> new long[3]);
                    if (messages.add(rs.getString("message_id"))) {
                        bucket[0]++;
                        totals[0]++;
                        bySender[0]++;
                        byPurpose[0]++;
                    }
                    boolean permit = "PERMIT".equals(rs.getString("outcome"));
                    int series = permit ? 1 : 2;
                    bucket[series]++;
                    totals[series]++;
                    bySender[series]++;
                    byPurpose[series]++;
                    if (!permit) {
                        String reasons = rs.getString("reason_codes");
                        for (String reason : reasons == null ? new String[0] : reasons.split(",")) {
                            if (!reason.isBlank()) {
                                deniedByReason.merge(reason.strip(), 1L, Long::sum);
                            }
                        }
                    }
                },
                Timestamp.from(from),
                Timestamp.from(to));
        jdbc.query(
                "select recorded_at from audit_decision where event_kind = 'RECEIPT' and recorded_at >= ? and recorded_at <= ?",
                rs -> {
                    perBucket
                            .computeIfAbsent(
                                    label(rs.getTimestamp(1).toInstant().truncatedTo(unit), hourly),
                                    k -> new long[SERIES.size()])[3]++;
                    totals[3]++;
                },
                Timestamp.from(from),
                Timestamp.from(to));
        jdbc.query(
                "select dead_at from dead_letter where dead_at >= ? and dead_at <= ?",
                rs -> {
                    perBucket
                            .computeIfAbsent(
                                    label(rs.getTimestamp(1).toInstant().truncatedTo(unit), hourly),
                                    k -> new long[SERIES.size()])[4]++;
                    totals[4]++;
                },
                Timestamp.from(from),
                Timestamp.from(to));

        Map<String, Double> latency = new LinkedHashMap<>();
        for (Timer timer : registry.find(HubMetrics.LATENCY).timers()) {
            if (timer.count() == 0) {
                continue;
            }
            for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
                String key = "p" + Math.round(p.percentile() * 100);
                latency.merge(key, p.value(TimeUnit.MILLISECONDS) / 1000.0, Math::max);
            }
        }
        Map<String, Long> mailboxes = new TreeMap<>();
        for (Participant participant : participants.all()) {
            mailboxes.put(
                    participant.ods().value(),
                    depths.depth(routes.mailboxQueue(participant.ods().value())));
        }
        Map<String, Long> refused = new TreeMap<>();
        registry.find(HubMetrics.REFUSED)
                .meters()
                .forEach(m -> m.measure()
                        .forEach(
                                ms -> refused.merge(m.getId().getTag("reason"), Math.round(ms.getValue()), Long::sum)));
        long overrides = count("select count(*) from override_review where recorded_at >= ?", Timestamp.from(from));
        long outstanding = count("select count(*) from override_review where status = 'OPEN'");
        long overdue = count(
                "select count(*) from override_review where status = 'OPEN' and recorded_at < ?",
                Timestamp.from(to.minus(Duration.ofDays(7))));

        LocalDate today = LocalDate.ofInstant(to, ZoneOffset.UTC);
        Map<String, Long> byStatus = new TreeMap<>();
        List<String> due = new ArrayList<>();
        for (AgreementLifecycle lifecycle : agreements.lifecycles()) {
            byStatus.merge(lifecycle.statusOn(today).label(), 1L, Long::sum);
            Agreement agreement = lifecycle.asWritten();
            agreement
                    .reviewDate()
                    .filter(d -> !d.isAfter(today.plusDays(reviewWarningDays)))
                    .ifPresent(
                            d -> due.add(agreement.id() + " (review " + d + (d.isBefore(today) ? ", overdue)" : ")")));
        }
        return new Figures(
                from,
                to,
                hourly ? "hour" : "day",
                new ArrayList<>(perBucket.keySet()),
                totals[0],
                totals[1],
                totals[2],
                totals[3],
                totals[4],
                perBucket,
                deniedByReason,
                perParticipant,
                perPurpose,
                latency,
                mailboxes,
                refused,
                overrides,
                outstanding,
                overdue,
                byStatus,
                due);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static String label(Instant bucket, boolean hourly) {
        String text = bucket.toString();
        return hourly ? text.substring(0, 13).replace('T', ' ') + ":00" : text.substring(0, 10);
    }
}
