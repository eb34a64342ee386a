package org.vanguard.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.audit.AdminChange;
import org.vanguard.hub.audit.JdbcAuditLog;

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
                                + " 'monitoring.alert' and actor = ?",
                        Integer.class,
                        AccessMonitor.RAISED_BY))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where action_name = 'monitoring.alert' and"
                                + " explanation like 'ManyPatientsOutsideRelationships: user:una tried to open%'",
                        Integer.class))
                .isEqualTo(1);
    }
}
