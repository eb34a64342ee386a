package org.vanguard.governance.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vanguard.governance.fixtures.Participants.ACUTE;
import static org.vanguard.governance.fixtures.Participants.CARE_HOME;
import static org.vanguard.governance.fixtures.Participants.GP;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.consent.ConsentAction;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.fixtures.Agreements;
import org.vanguard.governance.fixtures.Consents;
import org.vanguard.governance.fixtures.Participants;
import org.vanguard.governance.fixtures.PatientRecords;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;

class ChangeImpactTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final NhsNumber EDITH = NhsNumber.of("9434765919");
    private static final NhsNumber ARTHUR = NhsNumber.of("9434765870");
    private static final NhsNumber OBJECTOR = NhsNumber.of("9434765846");
    private static final Instant FROM = Instant.parse("2026-10-24T10:00:00Z");

    private final PatientRecords records = PatientRecords.knownToEveryone(EDITH);

    ChangeImpactTests() {
        for (NhsNumber patient : List.of(ARTHUR, OBJECTOR)) {
            PatientRecords.knownToEveryone(patient).relationshipsOf(patient).forEach(records::relationship);
        }
        records.consent(
                Consents.consent("consent-deny", OBJECTOR, ConsentAction.DENY).build());
    }

    @Test
    @DisplayName(
            "suspending an agreement reports every exchange it permits today as one that would be denied, per flow and purpose")
    void suspensionTurnsPermitsIntoDenials() {
        Agreement careHomeToGp = Agreements.careHomeToGp("ISA-CH001-G81001-DC").build();
        List<PastDecision> past = List.of(
                past("m-1", CARE_HOME, GP, EDITH, "CarePlan"),
                past("m-1", CARE_HOME, GP, EDITH, "Patient"),
                past("m-2", CARE_HOME, GP, ARTHUR, "CarePlan"),
                past("m-3", CARE_HOME, ACUTE, EDITH, "CarePlan"));

        ImpactReport report = impact(5)
                .assess(
                        new AgreementChange.Suspension(careHomeToGp),
                        new AgreementCatalogue(List.of(careHomeToGp)),
                        past,
                        FROM,
                        CLOCK.instant(),
                        false);

        assertThat(report.reassessed()).isEqualTo(4);
        assertThat(report.changed()).isEqualTo(3);
        assertThat(report.change()).isEqualTo("suspending ISA-CH001-G81001-DC v1");
        assertThat(report.flows())
                .containsExactlyInAnyOrder(
                        new ImpactReport.FlowImpact(
                                "CH001",
                                "G81001",
                                "CarePlan",
                                "TREAT",
                                "PERMIT under ISA-CH001-G81001-DC v1 flows[0]",
                                "DENY (NO_AGREEMENT)",
                                2),
                        new ImpactReport.FlowImpact(
                                "CH001",
                                "G81001",
                                "Patient",
                                "TREAT",
                                "PERMIT under ISA-CH001-G81001-DC v1 flows[0]",
                                "DENY (NO_AGREEMENT)",
                                1));
        assertThat(report.sample()).hasSize(3).allSatisfy(message -> {
            assertThat(message.why()).contains("its status is suspended");
            assertThat(message.patient()).startsWith("patient-").doesNotContain("943476");
        });
    }

    @Test
    @DisplayName(
            "the report's patients are pseudonyms: one patient reads the same throughout, two patients differ, no NHS number appears")
    void patientsPseudonymised() {
        Agreement careHomeToGp = Agreements.careHomeToGp("ISA-X").build();
        List<PastDecision> past = List.of(
                past("m-1", CARE_HOME, GP, EDITH, "CarePlan"),
                past("m-2", CARE_HOME, GP, EDITH, "CarePlan"),
                past("m-3", CARE_HOME, GP, ARTHUR, "CarePlan"));

        ImpactReport report = impact(10)
                .assess(
                        new AgreementChange.Termination(careHomeToGp),
                        new AgreementCatalogue(List.of(careHomeToGp)),
                        past,
                        FROM,
                        CLOCK.instant(),
                        false);

        assertThat(report.sample())
                .extracting(ImpactReport.AffectedMessage::patient)
                .doesNotContain(EDITH.value(), ARTHUR.value());
        String edithFirst = patientOf(report, "m-1");
        assertThat(patientOf(report, "m-2")).isEqualTo(edithFirst);
        assertThat(patientOf(report, "m-3")).isNotEqualTo(edithFirst);
        assertThat(report.toString()).doesNotContain(EDITH.value()).doesNotContain(ARTHUR.value());
    }

    @Test
    @DisplayName(
            "approving a draft reports the exchanges it would newly permit, and not those a patient's Consent still denies")
    void approvalTurnsDenialsIntoPermits() {
        Agreement draft = Agreements.agreement("ISA-CH001-RAC-DC")
                .status(AgreementStatus.DRAFT)
                .flow(CARE_HOME, ACUTE, Set.of("CarePlan"), Purpose.TREAT)
                .build();
        List<PastDecision> past = List.of(
                past("m-1", CARE_HOME, ACUTE, EDITH, "CarePlan"),
                past("m-2", CARE_HOME, ACUTE, OBJECTOR, "CarePlan"),
                past("m-3", CARE_HOME, ACUTE, EDITH, "Patient"));

        ImpactReport report = impact(5)
                .assess(
                        new AgreementChange.Approval(draft),
                        new AgreementCatalogue(List.of(draft)),
                        past,
                        FROM,
                        CLOCK.instant(),
                        false);

        assertThat(report.changed()).isEqualTo(1);
        assertThat(report.flows()).singleElement().satisfies(flow -> {
            assertThat(flow.before()).isEqualTo("DENY (NO_AGREEMENT)");
            assertThat(flow.after()).isEqualTo("PERMIT under ISA-CH001-RAC-DC v1 flows[0]");
        });
        assertThat(report.sample())
                .singleElement()
                .extracting(ImpactReport.AffectedMessage::messageId)
                .isEqualTo("m-1");
    }

    @Test
    @DisplayName("the sample is bounded and newest first, while the counts cover every changed decision")
    void sampleBounded() {
        Agreement careHomeToGp = Agreements.careHomeToGp("ISA-X").build();
        List<PastDecision> past = List.of(
                past("m-1", CARE_HOME, GP, EDITH, "CarePlan", 1),
                past("m-2", CARE_HOME, GP, EDITH, "CarePlan", 3),
                past("m-3", CARE_HOME, GP, EDITH, "CarePlan", 2));

        ImpactReport report = impact(2)
                .assess(
                        new AgreementChange.Suspension(careHomeToGp),
                        new AgreementCatalogue(List.of(careHomeToGp)),
                        past,
                        FROM,
                        CLOCK.instant(),
                        true);

        assertThat(report.changed()).isEqualTo(3);
        assertThat(report.windowTruncated()).isTrue();
        assertThat(report.flows())
                .singleElement()
                .extracting(ImpactReport.FlowImpact::count)
                .isEqualTo(3);
        assertThat(report.sample())
                .extracting(ImpactReport.AffectedMessage::messageId)
                .containsExactly("m-2", "m-3");
    }

    private ChangeImpact impact(int sample) {
        return new ChangeImpact(
                store -> DecisionEngine.standard(store, Participants.demo(), records, records, records, CLOCK), sample);
    }

    private static String patientOf(ImpactReport report, String messageId) {
        return report.sample().stream()
                .filter(m -> m.messageId().equals(messageId))
                .findFirst()
                .orElseThrow()
                .patient();
    }

    private static PastDecision past(
            String message, OdsCode sender, OdsCode recipient, NhsNumber patient, String type) {
        return past(message, sender, recipient, patient, type, 0);
    }

    private static PastDecision past(
            String message, OdsCode sender, OdsCode recipient, NhsNumber patient, String type, int hoursAfterStart) {
        return new PastDecision(
                message,
                FROM.plusSeconds(3600L * hoursAfterStart),
                new DecisionRequest(sender, recipient, Purpose.TREAT, patient, type),
                "PERMIT");
    }
}
