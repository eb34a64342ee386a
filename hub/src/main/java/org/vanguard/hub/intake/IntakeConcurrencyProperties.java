package org.vanguard.hub.intake;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The adaptive limit on messages taken in at once over HTTPS ({@link IntakeConcurrency}).
 *
 * @param enabled false takes every request in, however many are already inside
 * @param initialLimit requests inside intake at once, at start
 * @param minLimit the lowest the limit may fall to
 * @param maxLimit the highest it may grow to: below the web server's request threads (64), so that some are always free
 *     to refuse a request at once rather than leave it waiting for a thread
 * @param retryAfter what {@code Retry-After} tells a sender refused at the limit
 */
@Validated
@ConfigurationProperties("hub.intake.concurrency")
public record IntakeConcurrencyProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("24") int initialLimit,
        @Min(1) @DefaultValue("16") int minLimit,
        @Min(1) @DefaultValue("32") int maxLimit,
        @NotNull @DefaultValue("PT1S") Duration retryAfter) {}
