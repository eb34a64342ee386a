package org.vanguard.hub.agreement;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How far back an agreement change is weighed before it takes effect.
 *
 * @param window how many days of audited decisions are decided again (default 30 days)
 * @param maxDecisions most decisions read from that window, newest first, so an assessment stays quick on a busy hub
 * @param sampleSize how many affected messages the report lists
 */
@Validated
@ConfigurationProperties("hub.agreements.impact")
public record ImpactProperties(
        @NotNull @DefaultValue("P30D") Duration window,
        @Min(1) @Max(1_000_000) @DefaultValue("50000") int maxDecisions,
        @Min(0) @Max(1000) @DefaultValue("20") int sampleSize) {}
