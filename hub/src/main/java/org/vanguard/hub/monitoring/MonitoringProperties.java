package org.vanguard.hub.monitoring;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How access monitoring judges "unusual" (NHS England's guidance asks for proactive monitoring of access to shared
 * records, not only answers after a complaint).
 *
 * @param window the period each run looks at (and an alert covers)
 * @param baseline how far back a person's or participant's own usual volume is measured
 * @param volumeFactor how many times its usual volume per window counts as "far above"
 * @param minimumVolume accesses in a window below which volume never alerts (a quiet user's one extra look is not news)
 * @param nightStart start of unusual hours, local time
 * @param nightEnd end of unusual hours, local time (the same as {@code nightStart}: no unusual hours, the rule is off)
 * @param zone the vanguard's time zone for unusual hours
 * @param unrelatedPatients distinct patients outside a person's legitimate relationships in one window that alert
 * @param interval how often the rules run
 */
@Validated
@ConfigurationProperties("hub.monitoring")
public record MonitoringProperties(
        @DefaultValue("PT1H") @NotNull Duration window,
        @DefaultValue("P7D") @NotNull Duration baseline,
        @DefaultValue("5") @Min(1) double volumeFactor,
        @DefaultValue("20") @Min(1) int minimumVolume,
        @DefaultValue("22:00") @NotNull LocalTime nightStart,
        @DefaultValue("06:00") @NotNull LocalTime nightEnd,
        @DefaultValue("Europe/London") @NotNull ZoneId zone,
        @DefaultValue("3") @Min(1) int unrelatedPatients,
        @DefaultValue("PT5M") @NotNull Duration interval) {}
