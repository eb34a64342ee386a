package org.vanguard.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.ReasonCode;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.audit.AdminChange;
import org.vanguard.hub.audit.JdbcAuditLog;
import org.vanguard.routes.query.RecordQuery;

/**
 * Access monitoring on the running hub: accesses in the audit chain as the console writes them (an ordinary clinician,
 * one opening many patients outside their team's relationships, one at night) make exactly the expected alerts, each
 * stored and written to the audit chain as {@code monitoring.alert}, and a second run over the same window raises none
 * again.
 */
class AccessMonitoringIT extends HubIntegrationTest {

    @Autowired
    AccessMonitor monitor;

    @Autowired
    JdbcAuditLog chain;

    private void view(String person, Instant at, String nhs, boolean refused) {
        chain.record(new AdminChange(
                at,
                person,
                "mdt.view",
                person + " (MDT member of MDT01) opened the shared record of patient "
                        + nhs + " in the console (patient) for TREAT: "
                        + (refused ? "refused, 0 records shown, 2 refused" : "open, 2 records" + " shown, 0 refused")
                        + "; decisions under console-patient-x",
                Optional.of(nhs),
                Optional.of("MDT01"),
                Optional.empty()));
    }

    @Test
    @DisplayName("generated accesses in the audit chain raise exactly the anomalous alerts, audited, once")
    void alertsFromTheAudit() {
        Instant afternoon = Instant.parse("2026-11-20T15:00:00Z");
        for (int day = 1; day <= 3; day++) {
            view("user:nora", afternoon.minus(Duration.ofDays(day)), "9434765919", false);
        }
        view("user:nora", afternoon.minusSeconds(600), "9434765919", false);
        view("user:una", afternoon.minusSeconds(900), "9434765935", true);
        view("user:una", afternoon.minusSeconds(800), "9434765943", true);
        view("user:una", afternoon.minusSeconds(700), "9434765951", true);

        assertThat(monitor.check(afternoon)).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("ManyPatientsOutsideRelationships");
            assertThat(a.who()).isEqualTo("user:una");
        });
        assertThat(monitor.check(afternoon.plusSeconds(300)))
                .as("the same anomaly, an overlapping window")
                .isEmpty();

        Instant night = Instant.parse("2026-11-21T02:00:00Z");
        view("user:owl", night.minusSeconds(1200), "9434765919", false);
        assertThat(monitor.check(night))
                .extracting(AccessAlert::rule, AccessAlert::who)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AccessAtUnusualHours", "user:owl"));

        assertThat(monitor.recent(10))
                .extracting(AccessMonitor.Raised::subject)
                .as(
                        "this test's alerts, newest first (the shared hub's own schedule may raise others about other tests' traffic)")
                .filteredOn(
                        subject -> List.of("user:nora", "user:una", "user:owl").contains(subject))
                .containsExactly("user:owl", "user:una");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where event_kind = 'ADMIN' and action_name ="
                                + " 'monitoring.alert' and actor = ? and (explanation like '%user:nora%'"
                                + " or explanation like '%user:una%' or explanation like '%user:owl%')",
                        Integer.class, AccessMonitor.RAISED_BY))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where action_name = 'monitoring.alert' and"
                                + " explanation like 'ManyPatientsOutsideRelationships: user:una tried to open%'",
                        Integer.class))
                .isEqualTo(1);
    }

    private static AuditEntry decision(String messageId, String recipient, String nhs, Instant at, boolean unrelated) {
        return new AuditEntry(
                at,
                messageId,
                new DecisionRequest(
                        OdsCode.of("CH001"), OdsCode.of(recipient), Purpose.TREAT, NhsNumber.of(nhs), "CarePlan"),
                unrelated ? AuditEntry.Outcome.DENY : AuditEntry.Outcome.PERMIT,
                unrelated ? List.of(ReasonCode.NO_RELATIONSHIP) : List.of(),
                Optional.empty(),
                unrelated ? "DirectCareNeedsALegitimateRelationship" : AuditEntry.PERMIT_RULE,
                "test decision",
                AuditEntry.Stage.DISPATCH);
    }

    private List<Long> accessList(long after) {
        return jdbc.queryForList("select seq from audit_access where seq > ? order by seq", Long.class, after);
    }

    private List<Long> auditRows(long after, String where) {
        return jdbc.queryForList(
                "select seq from audit_decision where seq > ? and (" + where + ") order by seq", Long.class, after);
    }

    @Test
    @DisplayName(
            "the audit lists exactly its accesses (views, break-glass, query decisions) for the monitor, which finds a participant querying outside its relationships")
    void accessesListedAsWritten() {
        long before = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_decision", Long.class);
        Instant afternoon = Instant.parse("2026-11-24T15:00:00Z");
        List<String> patients = List.of("9434765919", "9434765935", "9434765943");
        for (int i = 0; i < patients.size(); i++) {
            String nhs = patients.get(i);
            Instant at = afternoon.minusSeconds(600 - 60L * i);
            // A message's dispatch decisions to the same participant: not accesses, so never read by the monitor.
            chain.record(List.of(
                    decision("msg-access-list-" + i, "RAC01", nhs, at, false),
                    decision("msg-access-list-" + i, "RAC01", nhs, at, true)));
            // The participant's query: refused for want of a relationship.
            chain.record(List.of(decision(RecordQuery.ID_PREFIX + "access-list-" + i, "RAC01", nhs, at, true)));
        }
        chain.record(AdminChange.of(afternoon.minusSeconds(300), "user:ivy", "agreement.reload", "not an access"));
        view("user:ivy", afternoon.minusSeconds(200), "9434765951", false);
        chain.record(new AdminChange(
                afternoon.minusSeconds(100),
                "user:ivy",
                AdminChange.BREAK_GLASS,
                "user:ivy (MDT member of MDT01) used break-glass to open the shared record of patient 9434765951",
                Optional.of("9434765951"),
                Optional.of("MDT01"),
                Optional.empty()));

        assertThat(accessList(before))
                .as("the query decisions, the view and the break-glass, and nothing else")
                .hasSize(5)
                .isEqualTo(auditRows(
                        before, "message_id like 'query-%' or action_name in ('mdt.view', 'mdt.break-glass')"));
        assertThat(monitor.check(afternoon))
                .filteredOn(alert -> alert.who().equals("RAC01"))
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.rule()).isEqualTo("ManyPatientsOutsideRelationships");
                    assertThat(alert.explanation()).contains("9434765919, 9434765935, 9434765943");
                });
    }
}
