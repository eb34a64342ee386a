package org.vanguard.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The monitoring rules against generated access patterns: a week of ordinary daytime traffic by many people and
 * participants raises nothing; each anomalous pattern raises exactly its rule, about exactly its subject, and says why.
 */
class AccessRulesTests {

    private static final MonitoringProperties SETTINGS = new MonitoringProperties(
            Duration.ofHours(1),
            Duration.ofDays(7),
            5,
            20,
            LocalTime.of(22, 0),
            LocalTime.of(6, 0),
            ZoneId.of("Europe/London"),
            3,
            Duration.ofMinutes(5));
    /** A weekday afternoon in London (GMT in November). */
    private static final Instant END = Instant.parse("2026-11-20T15:00:00Z");

    private final AccessRules rules = new AccessRules(SETTINGS);
    private final Random random = new Random(13);

    /** Ordinary traffic: each subject opens its own patients at a steady daytime rate, for the week and the window. */
    private List<Access> ordinary(String who, Access.Kind kind, int perHour) {
        List<Access> accesses = new ArrayList<>();
        for (Instant hour = END.minus(Duration.ofDays(7)).minus(Duration.ofHours(1));
                hour.isBefore(END);
                hour = hour.plus(Duration.ofHours(1))) {
            int local = hour.atZone(SETTINGS.zone()).getHour();
            if (local < 8 || local >= 18) {
                continue;
            }
            int n = Math.max(0, perHour + random.nextInt(3) - 1);
            for (int i = 0; i < n; i++) {
                accesses.add(new Access(
                        hour.plusSeconds(random.nextInt(3600)),
                        who,
                        kind,
                        "94347659" + (10 + random.nextInt(80)),
                        false));
            }
        }
        return accesses;
    }

    private List<Access> ordinaryTraffic() {
        List<Access> accesses = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            accesses.addAll(ordinary("user:clinician-" + p, Access.Kind.CONSOLE_VIEW, 1 + random.nextInt(6)));
        }
        accesses.addAll(ordinary("G81001", Access.Kind.QUERY, 25));
        accesses.addAll(ordinary("CH001", Access.Kind.QUERY, 8));
        return accesses;
    }

    @Test
    @DisplayName("a week of ordinary daytime traffic, steady per person and participant, raises no alert")
    void ordinaryTrafficIsQuiet() {
        assertThat(rules.evaluate(ordinaryTraffic(), END)).isEmpty();
    }

    @Test
    @DisplayName(
            "a person whose volume jumps far above their own baseline is flagged, and a busy participant at its usual volume is not")
    void volumeJump() {
        List<Access> accesses = ordinaryTraffic();
        accesses.addAll(ordinary("user:sam", Access.Kind.CONSOLE_VIEW, 2));
        for (int i = 0; i < 45; i++) {
            accesses.add(new Access(
                    END.minusSeconds(60L * (i + 1)), "user:sam", Access.Kind.CONSOLE_VIEW, "9434765919", false));
        }
        List<AccessAlert> alerts = rules.evaluate(accesses, END);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("VolumeFarAboveOwnBaseline");
            assertThat(a.who()).isEqualTo("user:sam");
            assertThat(a.explanation())
                    .contains(
                            "user:sam opened patients' records",
                            "times in 1 hour",
                            "previous 7 days",
                            "alerts at 5 times");
            assertThat(a.windowEnd()).isEqualTo(END);
        });
    }

    @Test
    @DisplayName("a new person's first busy hour alerts only past the minimum volume")
    void minimumVolume() {
        List<Access> accesses = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            accesses.add(new Access(
                    END.minusSeconds(100L * (i + 1)), "user:new", Access.Kind.CONSOLE_VIEW, "9434765919", false));
        }
        assertThat(rules.evaluate(accesses, END)).isEmpty();
        accesses.add(new Access(END.minusSeconds(5), "user:new", Access.Kind.CONSOLE_VIEW, "9434765919", false));
        assertThat(rules.evaluate(accesses, END))
                .extracting(AccessAlert::rule)
                .containsExactly("VolumeFarAboveOwnBaseline");
    }

    @Test
    @DisplayName(
            "a person opening records at night is flagged with the patients and the hours; a participant's night-time query is not")
    void unusualHours() {
        Instant night = Instant.parse("2026-11-21T03:00:00Z");
        List<Access> accesses = new ArrayList<>(ordinaryTraffic());
        accesses.add(new Access(night.minusSeconds(1200), "user:owl", Access.Kind.CONSOLE_VIEW, "9434765919", false));
        accesses.add(new Access(night.minusSeconds(600), "user:owl", Access.Kind.CONSOLE_VIEW, "9434765927", false));
        accesses.add(new Access(night.minusSeconds(300), "G81001", Access.Kind.QUERY, "9434765919", false));
        assertThat(rules.evaluate(accesses, night)).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("AccessAtUnusualHours");
            assertThat(a.who()).isEqualTo("user:owl");
            assertThat(a.explanation())
                    .contains("opened 2 patients' records (9434765919, 9434765927) between 22:00 and 06:00"
                            + " Europe/London");
        });
    }

    @Test
    @DisplayName("night hours that start when they end turn the unusual-hours rule off, at any hour of the day")
    void noNightHours() {
        AccessRules always = new AccessRules(new MonitoringProperties(
                SETTINGS.window(),
                SETTINGS.baseline(),
                SETTINGS.volumeFactor(),
                SETTINGS.minimumVolume(),
                LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT,
                SETTINGS.zone(),
                SETTINGS.unrelatedPatients(),
                SETTINGS.interval()));
        for (int hour = 0; hour < 24; hour++) {
            Instant at = Instant.parse("2026-11-21T00:30:00Z").plus(Duration.ofHours(hour));
            assertThat(always.evaluate(
                            List.of(new Access(
                                    at.minusSeconds(60), "user:owl", Access.Kind.CONSOLE_VIEW, "9434765919", false)),
                            at))
                    .as("at %s", at)
                    .isEmpty();
            assertThat(rules.atNight(at)).isEqualTo(hour < 6 || hour >= 22);
        }
    }

    @Test
    @DisplayName("one person opening many patients outside their relationships is flagged at the threshold, not below")
    void manyUnrelatedPatients() {
        List<Access> accesses = new ArrayList<>(ordinaryTraffic());
        accesses.add(new Access(END.minusSeconds(900), "user:una", Access.Kind.CONSOLE_VIEW, "9434765935", true));
        accesses.add(new Access(END.minusSeconds(800), "user:una", Access.Kind.CONSOLE_VIEW, "9434765935", true));
        accesses.add(new Access(END.minusSeconds(700), "user:una", Access.Kind.BREAK_GLASS, "9434765943", true));
        assertThat(rules.evaluate(accesses, END)).as("two distinct patients").isEmpty();
        accesses.add(new Access(END.minusSeconds(600), "user:una", Access.Kind.CONSOLE_VIEW, "9434765951", true));
        assertThat(rules.evaluate(accesses, END)).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("ManyPatientsOutsideRelationships");
            assertThat(a.explanation())
                    .contains(
                            "3 patients outside their team's legitimate relationships",
                            "9434765935, 9434765943, 9434765951");
        });
    }
}
