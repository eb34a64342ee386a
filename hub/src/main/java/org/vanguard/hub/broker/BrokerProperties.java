package org.vanguard.hub.broker;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the embedded broker that decides the hub's durable throughput and its redelivery policy, and the
 * AMQP acceptor through which participants reach their mailboxes and the AMQP intake.
 *
 * @param journalBufferTimeout how long the journal gathers writes before one sync; Artemis's default
 *     (about 3.3 ms) gave ~285 durable messages/s to one producer here, 100 us gave ~2,700/s
 * @param maxDeliveryAttempts attempts before a message that keeps failing moves to the dead-letter address
 * @param redeliveryDelay pause before the broker redelivers a rolled-back message
 * @param amqpEnabled whether participants can connect over AMQP 1.0 at all; off, the broker is in-VM only
 * @param amqpHost address the AMQP acceptor binds to
 * @param amqpPort port of the AMQP acceptor (TLS only; 5671 is AMQPS's registered port)
 * @param globalMaxSize memory the broker may hold messages in, all queues together, before it pages them to disk (set
 *     on purpose, so that the hub's resident memory has a bound: Artemis's default is half the heap)
 * @param amqpTrustManagerFactoryPlugin optional class name of an Artemis {@code TrustManagerFactoryPlugin}
 *     that replaces the plain CA trust store (for a revocation-checking trust manager); unset, the acceptor
 *     trusts exactly the hub's CA
 * @param revocationSweepInterval how often the participants' open AMQP connections are checked against revocations
 *     and expiry, and closed when their certificate is no longer good (a new connection is checked at its handshake);
 *     unset, 2 s
 */
@Validated
@ConfigurationProperties("hub.broker")
public record BrokerProperties(
        @NotNull Duration journalBufferTimeout,
        @Min(1) int maxDeliveryAttempts,
        @NotNull Duration redeliveryDelay,
        boolean amqpEnabled,
        @NotBlank String amqpHost,
        @Min(1) @Max(65535) int amqpPort,
        @NotNull DataSize globalMaxSize,
        String amqpTrustManagerFactoryPlugin,
        Duration revocationSweepInterval) {

    public BrokerProperties {
        amqpTrustManagerFactoryPlugin = amqpTrustManagerFactoryPlugin == null || amqpTrustManagerFactoryPlugin.isBlank()
                ? null
                : amqpTrustManagerFactoryPlugin.strip();
        revocationSweepInterval = revocationSweepInterval == null ? Duration.ofSeconds(2) : revocationSweepInterval;
    }

    /** Checked at start, with the other properties. */
    @AssertTrue(message = "must be at least 100 ms: the revocation sweep cannot be turned off")
    public boolean isRevocationSweepIntervalValid() {
        return revocationSweepInterval.compareTo(Duration.ofMillis(100)) >= 0;
    }
}
