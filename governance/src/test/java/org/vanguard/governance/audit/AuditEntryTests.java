package org.vanguard.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vanguard.governance.fixtures.Participants.CARE_HOME;
import static org.vanguard.governance.fixtures.Participants.GP;
import static org.vanguard.governance.fixtures.Participants.OUTSIDER;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.ReasonCode;
import org.vanguard.governance.fixtures.Agreements;
import org.vanguard.governance.fixtures.Participants;
import org.vanguard.governance.fixtures.PatientRecords;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;

class AuditEntryTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    @DisplayName("a permit is audited with its outcome, the agreement clause it rests on and its full explanation")
    void auditsPermit() {
        Decision decision = decide(Agreements.careHomeToGp("ISA-X").build(), request(GP));

        AuditEntry entry = AuditEntry.of("msg-1", decision, NOW);

        assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.PERMIT);
        assertThat(entry.reasons()).isEmpty();
        assertThat(entry.agreement()).contains("ISA-X v1 flows[0]");
        assertThat(entry.rule()).isEqualTo(AuditEntry.PERMIT_RULE);
        assertThat(entry.messageId()).isEqualTo("msg-1");
        assertThat(entry.recordedAt()).isEqualTo(NOW);
        assertThat(entry.request()).isEqualTo(request(GP));
        assertThat(entry.explanation())
                .isEqualTo(String.join("\n", decision.explanation()))
                .contains("Legal basis for TREAT");
    }

    @Test
    @DisplayName(
            "a denial under a suspended agreement is audited with its outcome, reason codes and rules, and the agreement considered")
    void auditsDeny() {
        Decision decision = decide(
                Agreements.careHomeToGp("ISA-X")
                        .status(AgreementStatus.SUSPENDED)
                        .build(),
                request(GP));

        AuditEntry entry = AuditEntry.of("msg-2", decision, NOW);

        assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.DENY);
        assertThat(entry.reasons()).containsExactly(ReasonCode.NO_AGREEMENT);
        assertThat(entry.agreement()).contains("ISA-X v1 flows[0]");
        assertThat(entry.rule()).isEqualTo("NoActiveAgreementDenies");
        assertThat(entry.explanation()).contains("ISA-X v1 flows[0] would cover it, but its status is suspended");
    }

    @Test
    @DisplayName("a denial for unknown participants is audited with every reason and the rule that gave it")
    void auditsUnknownParticipants() {
        Decision decision = decide(
                Agreements.careHomeToGp("ISA-X").build(),
                new DecisionRequest(
                        OdsCode.of("Y11111"), OUTSIDER, Purpose.TREAT, NhsNumber.of("9434765919"), "CarePlan"));

        AuditEntry entry = AuditEntry.of("msg-3", decision, NOW);

        assertThat(entry.reasons()).containsExactly(ReasonCode.UNKNOWN_PARTICIPANT, ReasonCode.UNKNOWN_PARTICIPANT);
        assertThat(entry.rule()).isEqualTo("OnlyParticipantsTakePart,OnlyParticipantsTakePart");
        assertThat(entry.explanation()).contains("Y11111").contains("X99999");
    }

    @Test
    @DisplayName(
            "the same decision taken again for the same message has the same idempotency key; a different one does not")
    void idempotencyKey() {
        Decision decision = decide(Agreements.careHomeToGp("ISA-X").build(), request(GP));
        AuditEntry first = AuditEntry.of("msg-1", decision, NOW);
        AuditEntry again = AuditEntry.of("msg-1", decision, NOW.plusSeconds(5));

        assertThat(again.idempotencyKey()).isEqualTo(first.idempotencyKey()).hasSize(64);
        assertThat(AuditEntry.of("msg-2", decision, NOW).idempotencyKey()).isNotEqualTo(first.idempotencyKey());
        assertThat(first.atCollection("re-checked").idempotencyKey()).isNotEqualTo(first.idempotencyKey());
        assertThat(first.atCollection("re-checked again").idempotencyKey())
                .as("re-checks at collection are one record, whatever their wording")
                .isEqualTo(first.atCollection("re-checked").idempotencyKey());
        assertThat(first.atCollection("replay-1", "released again").idempotencyKey())
                .as("each replay's release is a record of its own")
                .isNotEqualTo(first.atCollection("replay-2", "released again").idempotencyKey())
                .isNotEqualTo(first.atCollection("re-checked").idempotencyKey());
        AuditEntry denied = AuditEntry.of(
                "msg-1",
                decide(
                        Agreements.careHomeToGp("ISA-X")
                                .status(AgreementStatus.SUSPENDED)
                                .build(),
                        request(GP)),
                NOW);
        assertThat(denied.idempotencyKey())
                .as("a decision that changed between attempts is a new record")
                .isNotEqualTo(first.idempotencyKey());
    }

    private static DecisionRequest request(OdsCode recipient) {
        return new DecisionRequest(CARE_HOME, recipient, Purpose.TREAT, NhsNumber.of("9434765919"), "CarePlan");
    }

    private static Decision decide(Agreement agreement, DecisionRequest request) {
        AgreementCatalogue catalogue = new AgreementCatalogue(List.of(agreement));
        PatientRecords records = PatientRecords.knownToEveryone(NhsNumber.of("9434765919"));
        return DecisionEngine.standard(() -> catalogue, Participants.demo(), records, records, records, CLOCK)
                .decide(request);
    }
}
