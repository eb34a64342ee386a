package org.vanguard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vanguard.demo.traffic.DemoTraffic;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.dispatch.Delivery;
import org.vanguard.routes.dispatch.DispatchPlanner;
import org.vanguard.routes.dispatch.IntakeMessage;
import org.vanguard.routes.dispatch.PlannedMessage;

/**
 * Issue #14's crash window, without the crash: a batch's database work (records, relationships, decisions, audit)
 * commits before its JMS transaction, so a kill -9 in between leaves every message of the batch committed in the
 * database and back on the intake queue. Two messages about one patient, versions 1 and 2, are planned as one batch,
 * as one dispatcher takes them; then the broker's redelivery is planned, while the database already holds version 2.
 * Deciding version 1 again would find it stale (a refusal to every recipient, audited beside the permits already
 * audited, and a notice to the sender instead of the deliveries); it must be delivered as decided the first time, with
 * nothing added to the audit.
 */
class DispatchRedeliveryIT extends HubIntegrationTest {

    @Autowired
    DispatchPlanner planner;

    @Test
    @DisplayName(
            "a message redelivered after its batch committed is delivered as first decided, though a batch-mate has moved its records on, and audited once")
    void redeliveryAfterTheBatchCommitted() {
        DemoTraffic traffic = DemoTraffic.fromClasspath();
        String nhs = DemoTraffic.patients(92, 1).get(0);
        String run = UUID.randomUUID().toString();
        IntakeMessage first = message(traffic, "redelivered-" + run + "-1", nhs, 1);
        IntakeMessage second = message(traffic, "redelivered-" + run + "-2", nhs, 2);

        List<PlannedMessage> batch = planner.planBatch(List.of(first, second));
        assertThat(batch).noneMatch(PlannedMessage::isFailed);
        List<Delivery> decided = batch.get(0).deliveries();
        assertThat(decided)
                .as("version 1, decided in its batch: shared with the GP practice, not refused")
                .isNotEmpty()
                .allMatch(delivery -> delivery.noticeEvent().isEmpty())
                .anyMatch(delivery -> delivery.recipient().value().equals("G81001"));
        List<Map<String, Object>> audited = audit(first.hubMessageId());
        List<Map<String, Object>> auditedSecond = audit(second.hubMessageId());
        assertThat(audited).isNotEmpty();

        PlannedMessage alone = planner.planBatch(List.of(first)).get(0);

        assertThat(alone.isFailed()).isFalse();
        assertThat(alone.deliveries())
                .as("version 1 redelivered alone, with version 2 held")
                .containsExactlyElementsOf(decided);
        assertThat(audit(first.hubMessageId()))
                .as("version 1's audit after its redelivery")
                .containsExactlyElementsOf(audited);

        List<PlannedMessage> again = planner.planBatch(List.of(first, second));

        assertThat(again).noneMatch(PlannedMessage::isFailed);
        assertThat(again.get(0).deliveries()).containsExactlyElementsOf(decided);
        assertThat(again.get(1).deliveries())
                .containsExactlyElementsOf(batch.get(1).deliveries());
        assertThat(audit(first.hubMessageId())).containsExactlyElementsOf(audited);
        assertThat(audit(second.hubMessageId())).containsExactlyElementsOf(auditedSecond);
    }

    private static IntakeMessage message(DemoTraffic traffic, String hubMessageId, String nhs, int version) {
        String bundle = new String(
                traffic.message(
                        "CH001",
                        nhs,
                        List.of("G81001", "MDT01"),
                        version,
                        Instant.parse("2026-11-03T09:00:00Z").plusSeconds(version)),
                StandardCharsets.UTF_8);
        return new IntakeMessage(
                bundle,
                Map.of(
                        HubHeaders.MESSAGE_ID, hubMessageId,
                        HubHeaders.SENDER, "CH001",
                        HubHeaders.GROUP, nhs));
    }

    private List<Map<String, Object>> audit(String hubMessageId) {
        return jdbc.queryForList(
                "select recipient_ods, resource_type, outcome, agreement_ref, decision_key from audit_decision"
                        + " where message_id = ? order by seq",
                hubMessageId);
    }
}
