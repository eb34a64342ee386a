package org.vanguard.hub.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.audit.AdminAudit;

/**
 * An active agreement past its review date (the demo care home and GP agreement, its review date moved into the past)
 * raises one warning in the audit chain per version however often the daily check runs, and the gauge counts it; a
 * hub configured to suspend such agreements suspends it, and the suspension is audited too.
 */
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class ReviewRemindersIT extends HubIntegrationTest {

    private static final String OVERDUE = "ISA-CH001-G81001-DC";

    @DynamicPropertySource
    static void agreementPastItsReview(DynamicPropertyRegistry registry) {
        Path dir = copyOfDemoAgreements();
        try {
            Path file = dir.resolve("isa-ch001-g81001-direct-care.yaml");
            String text = Files.readString(file);
            String moved = text.replace("reviewDate: 2027-06-30", "reviewDate: 2026-06-30");
            assertThat(moved)
                    .as("the demo agreement's review date as this test expects it")
                    .isNotEqualTo(text);
            Files.writeString(file, moved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.governance.agreements", () -> "file:" + dir + "/*.yaml");
    }

    @Autowired
    ReviewReminders reminders;

    @Autowired
    FileAgreementStore agreements;

    @Autowired
    AdminAudit audit;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Clock clock;

    @Test
    @DisplayName("the overdue agreement is warned about once in the audit, counted by the gauge, and stays in force")
    void warnsOnce() {
        assertThat(reminders.check()).isEqualTo(1);
        assertThat(reminders.check()).isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select explanation from audit_decision where action_name = 'agreement.review-overdue'"
                                + " and agreement_ref = ? and actor = ? and explanation like '%stays in force%'",
                        String.class, OVERDUE + " v1", ReviewReminders.ACTOR))
                .singleElement()
                .asString()
                .contains("past its review date 2026-06-30");
        assertThat(meters.get("hub.agreements.review.overdue").gauge().value()).isEqualTo(1.0);
        assertThat(agreements.lifecycleOf(OVERDUE).orElseThrow().status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(jdbc.queryForList(
                        "select locked_by from shedlock where name = 'agreement-review-reminders'", String.class))
                .as("the check at start took the reminders' lease, as the daily one does")
                .hasSize(1);
    }

    @Test
    @DisplayName("configured to suspend, the check suspends the overdue agreement and audits the suspension")
    void suspendsWhenConfigured() throws Exception {
        ReviewReminders suspending =
                new ReviewReminders(agreements, audit, jdbc, clock, new SimpleMeterRegistry(), true);
        try {
            assertThat(suspending.check()).isEqualTo(1);
            assertThat(agreements.lifecycleOf(OVERDUE).orElseThrow().status()).isEqualTo(AgreementStatus.SUSPENDED);
            assertThat(meters.get("hub.agreements.review.overdue").gauge().value())
                    .as("the hub's gauge counts a suspended agreement out at once")
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "select count(*) from audit_decision where action_name = 'agreement.review-overdue'"
                                    + " and explanation like '%suspended until an IG officer reviews%'",
                            Integer.class))
                    .isOne();
            assertThat(suspending.check())
                    .as("a suspended agreement is no longer in force, so no longer overdue")
                    .isZero();
            assertThat(asOfficer().get("/admin/audit/verify").body()).contains("\"intact\":true");
        } finally {
            asOfficer()
                    .post(
                            "/admin/agreements/" + OVERDUE + "/resume",
                            "application/json",
                            "{\"reason\":\"reviewed\"}".getBytes());
        }
    }
}
