package org.vanguard.hub.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The monitoring rules, each a sentence: {@code VolumeFarAboveOwnBaseline}, {@code AccessAtUnusualHours},
 * {@code ManyPatientsOutsideRelationships}. Plain functions of the accesses in the window and in the baseline before it;
 * every alert carries the figures that made the rule fire.
 */
public final class AccessRules {

    private final MonitoringProperties settings;

    public AccessRules(MonitoringProperties settings) {
        this.settings = settings;
    }

    /**
     * The alerts for the window {@code [end - window, end)}, given every access since {@code end - window - baseline}.
     */
    public List<AccessAlert> evaluate(List<Access> accesses, Instant end) {
        Instant start = end.minus(settings.window());
        Instant baselineStart = start.minus(settings.baseline());
        Map<String, List<Access>> inWindow = new TreeMap<>();
        Map<String, Integer> inBaseline = new TreeMap<>();
        for (Access access : accesses) {
            if (!access.at().isBefore(start) && access.at().isBefore(end)) {
                inWindow.computeIfAbsent(access.who(), w -> new ArrayList<>()).add(access);
            } else if (!access.at().isBefore(baselineStart) && access.at().isBefore(start)) {
                inBaseline.merge(access.who(), 1, Integer::sum);
            }
        }
        List<AccessAlert> alerts = new ArrayList<>();
        double windowsInBaseline =
                (double) settings.baseline().toSeconds() / settings.window().toSeconds();
        for (Map.Entry<String, List<Access>> entry : inWindow.entrySet()) {
            String who = entry.getKey();
            List<Access> mine = entry.getValue();
            volume(who, mine, inBaseline.getOrDefault(who, 0) / windowsInBaseline, start, end)
                    .ifPresent(alerts::add);
            unusualHours(who, mine, start, end).ifPresent(alerts::add);
            unrelated(who, mine, start, end).ifPresent(alerts::add);
        }
        return alerts;
    }

    private java.util.Optional<AccessAlert> volume(
            String who, List<Access> mine, double usual, Instant start, Instant end) {
        int count = mine.size();
        if (count < settings.minimumVolume() || count < settings.volumeFactor() * usual) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new AccessAlert(
                "VolumeFarAboveOwnBaseline",
                who,
                start,
                end,
                String.format(
                        "%s opened patients' records %d times in %s; its own usual volume over the previous %s is %.1f per %s, and"
                                + " the rule alerts at %.0f times that (and at least %d).",
                        who,
                        count,
                        words(settings.window()),
                        words(settings.baseline()),
                        usual,
                        words(settings.window()),
                        settings.volumeFactor(),
                        settings.minimumVolume())));
    }

    private java.util.Optional<AccessAlert> unusualHours(String who, List<Access> mine, Instant start, Instant end) {
        if (!who.startsWith("user:")) {
            return java.util.Optional.empty();
        }
        List<Access> night = mine.stream().filter(a -> atNight(a.at())).toList();
        if (night.isEmpty()) {
            return java.util.Optional.empty();
        }
        Set<String> patients = night.stream().map(Access::patient).collect(Collectors.toCollection(TreeSet::new));
        return java.util.Optional.of(new AccessAlert(
                "AccessAtUnusualHours",
                who,
                start,
                end,
                String.format(
                        "%s opened %d patients' records (%s) between %s and %s %s time, outside the hours the rule expects"
                                + " records to be read.",
                        who,
                        patients.size(),
                        String.join(", ", patients),
                        settings.nightStart(),
                        settings.nightEnd(),
                        settings.zone())));
    }

    private java.util.Optional<AccessAlert> unrelated(String who, List<Access> mine, Instant start, Instant end) {
        Set<String> patients = mine.stream()
                .filter(Access::outsideRelationship)
                .map(Access::patient)
                .collect(Collectors.toCollection(TreeSet::new));
        if (patients.size() < settings.unrelatedPatients()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new AccessAlert(
                "ManyPatientsOutsideRelationships",
                who,
                start,
                end,
                String.format(
                        "%s tried to open, or broke the glass on, %d patients outside their team's legitimate relationships in %s"
                                + " (%s); the rule alerts at %d.",
                        who,
                        patients.size(),
                        words(settings.window()),
                        String.join(", ", patients),
                        settings.unrelatedPatients())));
    }

    boolean atNight(Instant at) {
        LocalTime local = at.atZone(settings.zone()).toLocalTime();
        LocalTime from = settings.nightStart();
        LocalTime to = settings.nightEnd();
        return from.isAfter(to)
                ? !local.isBefore(from) || local.isBefore(to)
                : !local.isBefore(from) && local.isBefore(to);
    }

    private static String words(Duration duration) {
        if (duration.toDays() > 0 && duration.toHours() % 24 == 0) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
            return duration.toHours() + (duration.toHours() == 1 ? " hour" : " hours");
        }
        return duration.toMinutes() + " minutes";
    }
}
