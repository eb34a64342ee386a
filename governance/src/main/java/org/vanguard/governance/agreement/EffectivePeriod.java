package org.vanguard.governance.agreement;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** The dates an agreement is in force, both inclusive; an open end runs until the agreement is ended. */
public record EffectivePeriod(LocalDate start, Optional<LocalDate> end) {

    public EffectivePeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        end.ifPresent(e -> {
            if (e.isBefore(start)) {
                throw new IllegalArgumentException(
                        "the effective period ends (" + e + ") before it starts (" + start + ")");
            }
        });
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && end.map(e -> !date.isAfter(e)).orElse(true);
    }

    @Override
    public String toString() {
        return start + " to " + end.map(LocalDate::toString).orElse("open end");
    }
}
