package org.vanguard.governance.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.fixtures.Agreements;
import org.vanguard.governance.fixtures.Participants;

class AgreementLifecycleTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final String OFFICER = "CN=Demo IG Officer,OU=ig-officer";
    private static final String TEXT = "fingerprint-of-v1";

    private static Agreement draft() {
        return Agreements.careHomeToGp("ISA-L").status(AgreementStatus.DRAFT).build();
    }

    /** Applies each change to the lifecycle as the hub does: the event is recorded, the lifecycle rebuilt. */
    private static final class Log {
        private final Agreement agreement;
        private final String fingerprint;
        private final List<LifecycleEvent> events = new ArrayList<>();

        Log(Agreement agreement, String fingerprint) {
            this.agreement = agreement;
            this.fingerprint = fingerprint;
        }

        AgreementLifecycle lifecycle() {
            return new AgreementLifecycle(agreement, fingerprint, events);
        }

        Log apply(java.util.function.Function<AgreementLifecycle, LifecycleEvent> change) {
            events.add(change.apply(lifecycle()));
            return this;
        }
    }

    @Test
    @DisplayName("a draft takes effect only once every party's IG officer has approved it")
    void draftNeedsEveryParty() {
        Log log = new Log(draft(), TEXT);
        assertThat(log.lifecycle().status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(log.lifecycle().inEffect().isInForceOn(LocalDate.now(CLOCK))).isFalse();
        log.apply(l -> l.submit(OFFICER, CLOCK));
        assertThat(log.lifecycle().stageOn(LocalDate.now(CLOCK))).isEqualTo("awaiting approval");

        log.apply(l -> l.approve(Participants.CARE_HOME, Optional.of(1), OFFICER, CLOCK));
        assertThat(log.lifecycle().status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(log.lifecycle().awaitingApproval()).containsExactly(Participants.GP);

        log.apply(l -> l.approve(Participants.GP, Optional.empty(), OFFICER, CLOCK));
        assertThat(log.lifecycle().status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(log.lifecycle().approvedBy()).containsExactly(Participants.CARE_HOME, Participants.GP);
        assertThat(log.lifecycle().inEffect().isInForceOn(LocalDate.now(CLOCK))).isTrue();
        assertThat(log.lifecycle().history())
                .extracting(LifecycleEvent::officer)
                .containsOnly(OFFICER);
    }

    @Test
    @DisplayName(
            "a draft is approved only once submitted, is submitted once, and can be withdrawn with a reason; a withdrawn draft never flows")
    void submitAndWithdraw() {
        Log log = new Log(draft(), TEXT);
        LifecycleRefusedException early =
                refusal(() -> log.lifecycle().approve(Participants.CARE_HOME, Optional.empty(), OFFICER, CLOCK));
        assertThat(early.kind()).isEqualTo(LifecycleRefusedException.Kind.CONFLICT);
        assertThat(early.getMessage()).contains("has not been submitted for approval");
        assertThat(log.lifecycle().stageOn(LocalDate.now(CLOCK))).isEqualTo("draft");

        log.apply(l -> l.submit(OFFICER, CLOCK));
        assertThat(log.lifecycle().submitted()).isTrue();
        assertThat(refusal(() -> log.lifecycle().submit(OFFICER, CLOCK)).getMessage())
                .contains("already awaiting approval");
        assertThat(new AgreementLifecycle(draft(), "edited-after-submission", log.events).submitted())
                .as("a text changed after submission is not the submitted one")
                .isFalse();

        assertThat(refusal(() -> log.lifecycle().withdraw(" ", OFFICER, CLOCK)).location())
                .isEqualTo("reason");
        log.apply(l -> l.withdraw("the acute trust is not ready", OFFICER, CLOCK));
        AgreementLifecycle withdrawn = log.lifecycle();
        assertThat(withdrawn.status()).isEqualTo(AgreementStatus.TERMINATED);
        assertThat(withdrawn.stageOn(LocalDate.now(CLOCK))).isEqualTo("withdrawn");
        assertThat(withdrawn.inEffect().isInForceOn(LocalDate.now(CLOCK))).isFalse();
        assertThat(refusal(() -> withdrawn.approve(Participants.GP, Optional.empty(), OFFICER, CLOCK))
                        .getMessage())
                .contains("terminated");
        assertThat(refusal(() -> withdrawn.withdraw("again", OFFICER, CLOCK)).getMessage())
                .contains("cannot be withdrawn");
        assertThat(refusal(() -> new AgreementLifecycle(
                                        Agreements.careHomeToGp("ISA-A").build(), TEXT, List.of())
                                .withdraw("late", OFFICER, CLOCK))
                        .getMessage())
                .contains("terminate it instead");
    }

    @Test
    @DisplayName("an agreement written as active was approved outside the hub and is active until suspended")
    void writtenActiveIsActive() {
        Log log = new Log(Agreements.careHomeToGp("ISA-A").build(), TEXT);
        assertThat(log.lifecycle().status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(log.lifecycle().awaitingApproval()).isEmpty();
        assertThat(log.lifecycle().inEffect()).isSameAs(log.agreement);
    }

    @Test
    @DisplayName("a suspension stops flows at once and resuming lets them through again")
    void suspendAndResume() {
        Log log = new Log(Agreements.careHomeToGp("ISA-S").build(), TEXT);
        log.apply(l -> l.suspend("breach under investigation", OFFICER, CLOCK));
        assertThat(log.lifecycle().status()).isEqualTo(AgreementStatus.SUSPENDED);
        assertThat(log.lifecycle().inEffect().whyNotInForceOn(LocalDate.now(CLOCK)))
                .isEqualTo("its status is suspended");

        log.apply(l -> l.resume(null, OFFICER, CLOCK));
        assertThat(log.lifecycle().status()).isEqualTo(AgreementStatus.ACTIVE);
    }

    @Test
    @DisplayName("a terminated agreement stays terminated: it cannot be resumed, approved or terminated again")
    void terminationIsFinal() {
        Log log = new Log(draft(), TEXT);
        log.apply(l -> l.submit(OFFICER, CLOCK));
        log.apply(l -> l.approve(Participants.CARE_HOME, Optional.empty(), OFFICER, CLOCK));
        log.apply(l -> l.terminate("care home closed", OFFICER, CLOCK));
        AgreementLifecycle terminated = log.lifecycle();
        assertThat(terminated.status()).isEqualTo(AgreementStatus.TERMINATED);

        assertThat(refusal(() -> terminated.resume(null, OFFICER, CLOCK)).getMessage())
                .contains("never resumed");
        LifecycleRefusedException approval =
                refusal(() -> terminated.approve(Participants.GP, Optional.empty(), OFFICER, CLOCK));
        assertThat(approval.kind()).isEqualTo(LifecycleRefusedException.Kind.CONFLICT);
        assertThat(approval.getMessage()).contains("terminated");
        assertThat(refusal(() -> terminated.terminate("again", OFFICER, CLOCK)).getMessage())
                .contains("already terminated");
    }

    @Test
    @DisplayName("only a party to the agreement can be approved for")
    void approvalByNonParty() {
        LifecycleRefusedException refused = refusal(() -> new AgreementLifecycle(draft(), TEXT, List.of())
                .approve(Participants.ACUTE, Optional.empty(), OFFICER, CLOCK));
        assertThat(refused.kind()).isEqualTo(LifecycleRefusedException.Kind.INVALID_REQUEST);
        assertThat(refused.location()).isEqualTo("party");
        assertThat(refused.getMessage()).contains("RAC is not a party to agreement ISA-L");
    }

    @Test
    @DisplayName("only the version the file holds can be approved")
    void approvalOfAnotherVersion() {
        LifecycleRefusedException refused = refusal(() -> new AgreementLifecycle(draft(), TEXT, List.of())
                .approve(Participants.CARE_HOME, Optional.of(2), OFFICER, CLOCK));
        assertThat(refused.location()).isEqualTo("version");
        assertThat(refused.getMessage()).contains("version 2").contains("holds version 1");
    }

    @Test
    @DisplayName("a party approves a version once, and an active agreement needs no approval")
    void approvalTwice() {
        Log log = new Log(draft(), TEXT);
        log.apply(l -> l.submit(OFFICER, CLOCK));
        log.apply(l -> l.approve(Participants.CARE_HOME, Optional.empty(), OFFICER, CLOCK));
        assertThat(refusal(() -> log.lifecycle().approve(Participants.CARE_HOME, Optional.empty(), OFFICER, CLOCK))
                        .getMessage())
                .contains("already approved");
        assertThat(refusal(() -> new AgreementLifecycle(
                                        Agreements.careHomeToGp("ISA-A").build(), TEXT, List.of())
                                .approve(Participants.CARE_HOME, Optional.empty(), OFFICER, CLOCK))
                        .getMessage())
                .contains("already active");
    }

    @Test
    @DisplayName("approvals of an earlier version, or of a different text under the same version, do not count")
    void approvalsBelongToVersionAndText() {
        Log log = new Log(draft(), TEXT);
        log.apply(l -> l.submit(OFFICER, CLOCK));
        log.apply(l -> l.approve(Participants.CARE_HOME, Optional.empty(), OFFICER, CLOCK));
        log.apply(l -> l.approve(Participants.GP, Optional.empty(), OFFICER, CLOCK));
        assertThat(log.lifecycle().status()).isEqualTo(AgreementStatus.ACTIVE);

        Agreement version2 = Agreements.careHomeToGp("ISA-L")
                .status(AgreementStatus.DRAFT)
                .version(2)
                .build();
        assertThat(new AgreementLifecycle(version2, "fingerprint-of-v2", log.events).status())
                .isEqualTo(AgreementStatus.DRAFT);
        assertThat(new AgreementLifecycle(draft(), "edited-without-new-version", log.events).awaitingApproval())
                .containsExactly(Participants.CARE_HOME, Participants.GP);
    }

    @Test
    @DisplayName(
            "a suspension or termination of an earlier version does not carry over: a new version starts as its file says")
    void newVersionStartsAsWritten() {
        Log log = new Log(Agreements.careHomeToGp("ISA-V").build(), TEXT);
        log.apply(l -> l.terminate("replaced by version 2", OFFICER, CLOCK));
        Agreement version2 = Agreements.careHomeToGp("ISA-V").version(2).build();
        assertThat(new AgreementLifecycle(version2, "v2", log.events).status()).isEqualTo(AgreementStatus.ACTIVE);
    }

    @Test
    @DisplayName("only an active agreement can be suspended, and only with a reason")
    void suspensionRefusals() {
        assertThat(refusal(() -> new AgreementLifecycle(draft(), TEXT, List.of()).suspend("why", OFFICER, CLOCK))
                        .getMessage())
                .contains("is draft");
        LifecycleRefusedException noReason = refusal(
                () -> new AgreementLifecycle(Agreements.careHomeToGp("ISA-A").build(), TEXT, List.of())
                        .suspend(" ", OFFICER, CLOCK));
        assertThat(noReason.kind()).isEqualTo(LifecycleRefusedException.Kind.INVALID_REQUEST);
        assertThat(noReason.location()).isEqualTo("reason");
    }

    @Test
    @DisplayName("an agreement that is not suspended, or is suspended in its file, is not resumed through the hub")
    void resumeRefusals() {
        assertThat(refusal(() -> new AgreementLifecycle(
                                        Agreements.careHomeToGp("ISA-A").build(), TEXT, List.of())
                                .resume(null, OFFICER, CLOCK))
                        .getMessage())
                .contains("not suspended");
        Agreement suspendedInFile = Agreements.careHomeToGp("ISA-F")
                .status(AgreementStatus.SUSPENDED)
                .build();
        assertThat(refusal(() -> new AgreementLifecycle(suspendedInFile, TEXT, List.of()).resume(null, OFFICER, CLOCK))
                        .getMessage())
                .contains("suspended in its file");
    }

    @Test
    @DisplayName("past the end of its effective period an agreement shows as expired and can no longer be approved")
    void expiry() {
        Agreement ended = Agreements.careHomeToGp("ISA-E")
                .status(AgreementStatus.DRAFT)
                .effective(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31))
                .build();
        AgreementLifecycle lifecycle = new AgreementLifecycle(ended, TEXT, List.of());
        assertThat(lifecycle.statusOn(LocalDate.now(CLOCK))).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(lifecycle.statusOn(LocalDate.of(2025, 6, 1))).isEqualTo(AgreementStatus.DRAFT);
        assertThat(refusal(() -> lifecycle.approve(Participants.CARE_HOME, Optional.empty(), OFFICER, CLOCK))
                        .getMessage())
                .contains("expired");
    }

    @Test
    @DisplayName("a change log entry records who acted and why, and an approval names its party")
    void eventsCheckThemselves() {
        Instant at = CLOCK.instant();
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> new LifecycleEvent(
                                "ISA-X",
                                1,
                                LifecycleAction.SUSPENDED,
                                Optional.empty(),
                                OFFICER,
                                at,
                                "",
                                Optional.empty())))
                .hasMessageContaining("why");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> new LifecycleEvent(
                                "ISA-X",
                                1,
                                LifecycleAction.APPROVED,
                                Optional.empty(),
                                OFFICER,
                                at,
                                "",
                                Optional.of(TEXT))))
                .hasMessageContaining("party");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> new LifecycleEvent(
                                "ISA-X", 1, LifecycleAction.RESUMED, Optional.empty(), " ", at, "", Optional.empty())))
                .hasMessageContaining("who");
    }

    @Test
    @DisplayName("the fingerprint of an agreement text ignores comments and blank lines but not its terms")
    void fingerprint() {
        String text = "id: ISA-X\nversion: 1\n";
        assertThat(AgreementFingerprint.of("# reviewed 2026-11-01\n" + text + "\n\n"))
                .isEqualTo(AgreementFingerprint.of(text));
        assertThat(AgreementFingerprint.of(text.replace("1", "2"))).isNotEqualTo(AgreementFingerprint.of(text));
    }

    private static LifecycleRefusedException refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        LifecycleRefusedException refused = catchThrowableOfType(LifecycleRefusedException.class, call);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }
}
