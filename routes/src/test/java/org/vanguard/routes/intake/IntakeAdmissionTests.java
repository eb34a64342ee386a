package org.vanguard.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.participant.OdsCode;

class IntakeAdmissionTests {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final OdsCode CARE_HOME = OdsCode.of("CH001");
    private static final OdsCode GP = OdsCode.of("G81001");

    /** The backlog as a test sets it: a depth and the time the oldest message was queued. */
    private static final class Backlog implements IntakeBacklog {
        long depth;
        Optional<Instant> oldest = Optional.empty();

        @Override
        public long depth() {
            return depth;
        }

        @Override
        public Optional<Instant> oldestQueuedAt() {
            return oldest;
        }
    }

    private final Backlog backlog = new Backlog();
    private final IntakeAdmission admission = new IntakeAdmission(
            backlog,
            new AdmissionProperties(100, Duration.ofMinutes(2), 0.5, Duration.ofSeconds(5), Duration.ZERO),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    @DisplayName("a backlog whose oldest message has waited as long as the bound refuses everyone, however short it is")
    void ageBound() {
        backlog.depth = 3;
        backlog.oldest = Optional.of(NOW.minus(Duration.ofMinutes(2)));

        assertThatThrownBy(() -> admission.admit(GP)).isInstanceOfSatisfying(IntakeBusyException.class, e -> {
            assertThat(e.kind()).isEqualTo(IntakeBusyException.Kind.BUSY);
            assertThat(e.retryAfterSeconds()).isEqualTo(5);
            assertThat(e.getMessage()).contains("the oldest for 120 s");
        });
        assertThat(admission.refusedBusy()).isEqualTo(1);
        assertThat(admission.state().refusingAll()).isTrue();
    }

    @Test
    @DisplayName("below the fair-share threshold nobody is held to a share, however much one sender has waiting")
    void noShareWhenQuiet() {
        for (int i = 0; i < 80; i++) {
            admission.accepted(CARE_HOME.value());
        }
        admission.accepted(GP.value());
        backlog.depth = 49;

        assertThatCode(() -> admission.admit(CARE_HOME)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName(
            "once busy, the bound is shared among the senders with messages waiting, and dispatch gives a sender room again")
    void sharedWhenBusy() {
        for (int i = 0; i < 50; i++) {
            admission.accepted(CARE_HOME.value());
        }
        admission.accepted(GP.value());
        backlog.depth = 51;

        assertThatThrownBy(() -> admission.admit(CARE_HOME))
                .isInstanceOfSatisfying(
                        IntakeBusyException.class,
                        e -> assertThat(e.kind()).isEqualTo(IntakeBusyException.Kind.OVER_SHARE));
        assertThatCode(() -> admission.admit(GP)).doesNotThrowAnyException();

        admission.dispatched(CARE_HOME.value());
        assertThatCode(() -> admission.admit(CARE_HOME)).doesNotThrowAnyException();
        assertThat(admission.refusedOverShare()).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "an empty backlog sets every sender's count back to zero, so a message that never finished dispatch does not hold it up")
    void emptyBacklogResetsCounts() {
        admission.accepted(CARE_HOME.value());
        admission.accepted(CARE_HOME.value());
        backlog.depth = 0;

        admission.admit(GP);

        assertThat(admission.waitingOf(CARE_HOME.value())).isZero();
        assertThat(admission.state().sendersWaiting()).isZero();
    }
}
