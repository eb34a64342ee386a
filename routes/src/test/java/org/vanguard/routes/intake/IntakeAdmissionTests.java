package org.vanguard.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.participant.OdsCode;

class IntakeAdmissionTests {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final OdsCode CARE_HOME = OdsCode.of("CH001");
    private static final OdsCode GP = OdsCode.of("G81001");

    /**
     * The backlog as a test sets it: a depth, the time the oldest message was queued, and each sender's waiting
     * messages as the nodes recorded them; it remembers how often, and from when, those were counted.
     */
    private static final class Backlog implements IntakeBacklog {
        long depth;
        Optional<Instant> oldest = Optional.empty();
        final Map<String, Long> bySender = new HashMap<>();
        int counted;
        Instant countedSince = Instant.MIN;

        @Override
        public long depth() {
            return depth;
        }

        @Override
        public Optional<Instant> oldestQueuedAt() {
            return oldest;
        }

        @Override
        public Map<String, Long> waitingBySender(Instant since) {
            counted++;
            countedSince = since;
            return Map.copyOf(bySender);
        }
    }

    private final Backlog backlog = new Backlog();
    private final IntakeAdmission admission = admission(Duration.ZERO);

    private IntakeAdmission admission(Duration shareSampleEvery) {
        return new IntakeAdmission(
                backlog,
                new AdmissionProperties(
                        100, Duration.ofMinutes(2), 0.5, Duration.ofSeconds(5), Duration.ZERO, shareSampleEvery),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

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
    @DisplayName(
            "below the fair-share threshold nobody is held to a share, however much one sender has waiting, and nobody counts")
    void noShareWhenQuiet() {
        backlog.bySender.put(CARE_HOME.value(), 80L);
        backlog.bySender.put(GP.value(), 1L);
        backlog.depth = 49;

        assertThatCode(() -> admission.admit(CARE_HOME)).doesNotThrowAnyException();
        assertThat(backlog.counted).isZero();
    }

    @Test
    @DisplayName(
            "once busy, the bound is shared among the senders with messages waiting on any node, and a dispatch on any node gives a sender room again")
    void sharedWhenBusy() {
        backlog.bySender.put(CARE_HOME.value(), 50L);
        backlog.bySender.put(GP.value(), 1L);
        backlog.depth = 51;

        assertThatThrownBy(() -> admission.admit(CARE_HOME)).isInstanceOfSatisfying(IntakeBusyException.class, e -> {
            assertThat(e.kind()).isEqualTo(IntakeBusyException.Kind.OVER_SHARE);
            assertThat(e.getMessage()).contains("CH001 already has 50 messages waiting", "(50)");
        });
        assertThatCode(() -> admission.admit(GP)).doesNotThrowAnyException();
        assertThat(admission.state().sendersWaiting()).isEqualTo(2);

        backlog.bySender.put(CARE_HOME.value(), 49L);
        assertThatCode(() -> admission.admit(CARE_HOME)).doesNotThrowAnyException();
        assertThat(admission.refusedOverShare()).isEqualTo(1);
        assertThat(backlog.countedSince)
                .as("messages older than the age bound do not count (a dead letter stops counting)")
                .isEqualTo(NOW.minus(Duration.ofMinutes(2)));
    }

    @Test
    @DisplayName("between two counts, what this node accepts is added to the last count, and the database is not asked")
    void acceptedSinceTheCountCounts() {
        IntakeAdmission sampled = admission(Duration.ofSeconds(1));
        backlog.bySender.put(CARE_HOME.value(), 49L);
        backlog.bySender.put(GP.value(), 1L);
        backlog.depth = 60;

        assertThatCode(() -> sampled.admit(CARE_HOME)).doesNotThrowAnyException();
        sampled.accepted(CARE_HOME.value());
        assertThatThrownBy(() -> sampled.admit(CARE_HOME))
                .isInstanceOfSatisfying(
                        IntakeBusyException.class,
                        e -> assertThat(e.getMessage()).contains("CH001 already has 50 messages waiting"));
        assertThat(backlog.counted).isEqualTo(1);
    }
}
