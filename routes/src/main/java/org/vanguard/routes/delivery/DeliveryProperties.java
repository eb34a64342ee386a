package org.vanguard.routes.delivery;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long the hub keeps trying to deliver, and how it paces its attempts.
 *
 * @param timeToLive how long after acceptance a delivery may still be attempted; then it is dead-lettered and
 *     the sender told (MESH's five days is what NHS senders already expect)
 * @param initialDelay pause before the first retry of a push that failed for a reason that may pass
 * @param maxDelay ceiling of the exponential backoff, so a long outage is still probed regularly
 * @param requestTimeout how long one push waits for the recipient's answer before it counts as failed
 * @param extraTrust PEM files of further CA certificates whose servers the hub will push to (the hub's own CA
 *     is always trusted), for participants whose endpoint has a certificate from another CA
 */
@Validated
@ConfigurationProperties("hub.delivery")
public record DeliveryProperties(
        @NotNull Duration timeToLive,
        @NotNull Duration initialDelay,
        @NotNull Duration maxDelay,
        @NotNull Duration requestTimeout,
        List<Path> extraTrust) {

    public DeliveryProperties {
        extraTrust = extraTrust == null ? List.of() : List.copyOf(extraTrust);
    }
}
