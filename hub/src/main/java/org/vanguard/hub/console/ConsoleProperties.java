package org.vanguard.hub.console;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The console for people.
 *
 * @param port its own HTTPS port, apart from the providers' mutual-TLS port, so a browser is never asked for a client
 *     certificate and no API path is reachable through it; 0 picks a free port (tests)
 * @param sessionTimeout how long a signed-in browser left idle stays signed in
 * @param reviewWarning how far ahead an agreement's review date is flagged on the home page
 * @param overrideReviewDue how long an emergency override may wait for its review before it is flagged overdue
 */
@Validated
@ConfigurationProperties("hub.console")
public record ConsoleProperties(
        @Min(0) @Max(65535) int port,
        @NotNull Duration sessionTimeout,
        @NotNull Duration reviewWarning,
        @NotNull Duration overrideReviewDue) {}
