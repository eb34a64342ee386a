package org.vanguard.hub.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.hub.audit.AdminChange;
import org.vanguard.hub.audit.JdbcAuditLog;

/**
 * Runs {@link AccessRules} every {@code hub.monitoring.interval} over the accesses the audit chain holds: MDT members'
 * console views and break-glass (admin records {@code mdt.view}, {@code mdt.break-glass}, with the person) and
 * participants' queries (decisions under a {@code query-} id, by the querying participant). A new alert is stored, and
 * recorded in the audit chain as {@code monitoring.alert}; an alert already raised for the same rule and subject over
 * an overlapping window is not raised again. It finds those accesses through {@code audit_access}, the list of them
 * the audit log keeps as it writes ({@link JdbcAuditLog}), so a run reads the accesses of its window and baseline, not
 * every decision taken meanwhile.
 */
@Component
public class AccessMonitor {

    /** Who the audit says raised an alert. */
    public static final String RAISED_BY = "hub:access-monitoring";

    private static final Logger log = LoggerFactory.getLogger(AccessMonitor.class);

    private final JdbcTemplate jdbc;
    private final JdbcAuditLog chain;
    private final MonitoringProperties settings;
    private final AccessRules rules;
    private final Clock clock;

    public AccessMonitor(JdbcTemplate jdbc, JdbcAuditLog chain, MonitoringProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.settings = settings;
        this.rules = new AccessRules(settings);
        this.clock = clock;
    }

    /** A stored alert. */
    public record Raised(
            long id,
            Instant raisedAt,
            String rule,
            String subject,
            Instant windowStart,
            Instant windowEnd,
            String explanation) {}

    /** On one node of a cluster at a time: two nodes would raise each alert twice. */
    @Scheduled(
            fixedDelayString = "${hub.monitoring.interval:PT5M}",
            initialDelayString = "${hub.monitoring.interval:PT5M}")
    @SchedulerLock(name = "access-monitor", lockAtMostFor = "PT10M")
    public void scheduled() {
        List<AccessAlert> raised = check(clock.instant());
        if (!raised.isEmpty()) {
            log.warn(
                    "Access monitoring raised {} alert(s): {}",
                    raised.size(),
                    raised.stream().map(a -> a.rule() + " " + a.who()).toList());
        }
    }

    /** Evaluates the window ending at {@code end}; returns the alerts newly raised. */
    @Transactional
    public List<AccessAlert> check(Instant end) {
        Instant since = end.minus(settings.window()).minus(settings.baseline());
        List<AccessAlert> raised = new ArrayList<>();
        for (AccessAlert alert : rules.evaluate(accesses(since, end), end)) {
            Integer overlapping = jdbc.queryForObject(
                    "select count(*) from access_alert where rule_name = ? and subject = ?" + " and window_end > ?",
                    Integer.class,
                    alert.rule(),
                    alert.who(),
                    Timestamp.from(alert.windowStart()));
            if (overlapping != null && overlapping > 0) {
                continue;
            }
            Instant now = clock.instant();
            jdbc.update(
                    "insert into access_alert (raised_at, rule_name, subject, window_start, window_end, explanation)"
                            + " values (?, ?, ?, ?, ?, ?)",
                    Timestamp.from(now),
                    alert.rule(),
                    alert.who(),
                    Timestamp.from(alert.windowStart()),
                    Timestamp.from(alert.windowEnd()),
                    alert.explanation());
            chain.record(new AdminChange(
                    now,
                    RAISED_BY,
                    "monitoring.alert",
                    alert.rule() + ": " + alert.explanation(),
                    Optional.empty(),
                    alert.who().startsWith("user:") ? Optional.empty() : Optional.of(alert.who()),
                    Optional.empty()));
            raised.add(alert);
        }
        return raised;
    }

    /** The newest alerts first. */
    public List<Raised> recent(int limit) {
        return jdbc
                .query(
                        "select id, raised_at, rule_name, subject, window_start, window_end, explanation from access_alert"
                                + " order by raised_at desc, id desc",
                        (rs, n) -> new Raised(
                                rs.getLong(1),
                                rs.getTimestamp(2).toInstant(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant(),
                                rs.getTimestamp(6).toInstant(),
                                rs.getString(7)))
                .stream()
                .limit(limit)
                .toList();
    }

    private List<Access> accesses(Instant since, Instant end) {
        List<Access> accesses = new ArrayList<>();
        jdbc.query(
                """
                select d.recorded_at, d.actor, d.nhs_number, d.action_name, d.explanation
                from audit_access a join audit_decision d on d.seq = a.seq
                where a.recorded_at >= ? and a.recorded_at < ? and d.event_kind = 'ADMIN' and d.action_name in (?, ?)""",
                rs -> {
                    boolean breakGlass = AdminChange.BREAK_GLASS.equals(rs.getString("action_name"));
                    String explanation = rs.getString("explanation");
                    accesses.add(new Access(
                            rs.getTimestamp("recorded_at").toInstant(),
                            rs.getString("actor"),
                            breakGlass ? Access.Kind.BREAK_GLASS : Access.Kind.CONSOLE_VIEW,
                            rs.getString("nhs_number"),
                            breakGlass || (explanation != null && explanation.contains(": refused,"))));
                },
                Timestamp.from(since),
                Timestamp.from(end),
                AdminChange.RECORD_VIEW,
                AdminChange.BREAK_GLASS);
        jdbc.query(
                """
                select d.message_id, d.recipient_ods, d.nhs_number, min(d.recorded_at) as at,
                max(case when d.reason_codes like '%NO_RELATIONSHIP%' then 1 else 0 end) as unrelated
                from audit_access a join audit_decision d on d.seq = a.seq
                where a.recorded_at >= ? and a.recorded_at < ? and d.event_kind = 'DISPATCH'
                group by d.message_id, d.recipient_ods, d.nhs_number""",
                rs -> {
                    accesses.add(new Access(
                            rs.getTimestamp("at").toInstant(),
                            rs.getString("recipient_ods"),
                            Access.Kind.QUERY,
                            rs.getString("nhs_number"),
                            rs.getInt("unrelated") == 1));
                },
                Timestamp.from(since),
                Timestamp.from(end));
        return accesses;
    }
}
