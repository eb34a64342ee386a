package org.vanguard.governance.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The day (UTC) an objection or relationship was recorded, as explanations quote it: an IG officer reads a
 * date, and formatting a full instant on every decision cost a measurable share of the decision's time.
 */
final class Days {

    private Days() {}

    static String of(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
