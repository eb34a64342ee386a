package org.vanguard.governance.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** When a provision applies; an open start or end is unbounded on that side. */
public record ConsentPeriod(Optional<Instant> start, Optional<Instant> end) {

    public ConsentPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
            throw new IllegalArgumentException(
                    "a consent period ends (" + end.get() + ") before it starts (" + start.get() + ")");
        }
    }

    public static ConsentPeriod always() {
        return new ConsentPeriod(Optional.empty(), Optional.empty());
    }

    public boolean contains(Instant instant) {
        return start.map(s -> !instant.isBefore(s)).orElse(true)
                && end.map(e -> !instant.isAfter(e)).orElse(true);
    }
}
