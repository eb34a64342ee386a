package org.vanguard.hub.broker;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the embedded broker that decides the hub's durable throughput and its redelivery policy.
 *
 * @param journalBufferTimeout how long the journal gathers writes before one sync; Artemis's default
 *     (about 3.3 ms) gave ~285 durable messages/s to one producer here, 100 us gave ~2,700/s
 * @param maxDeliveryAttempts attempts before a message that keeps failing moves to the dead-letter address
 * @param redeliveryDelay pause before the broker redelivers a rolled-back message
 */
@Validated
@ConfigurationProperties("hub.broker")
public record BrokerProperties(
        @NotNull Duration journalBufferTimeout,
        @Min(1) int maxDeliveryAttempts,
        @NotNull Duration redeliveryDelay) {
}
