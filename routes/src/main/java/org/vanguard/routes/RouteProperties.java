package org.vanguard.routes;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the flows read and write on the broker, and how many dispatchers run. Queue names follow
 * {@code hub.<flow>.<stage>} so operators can tell every queue's role from its name.
 *
 * @param intakeQueue durable queue of accepted messages awaiting dispatch
 * @param mailboxQueuePrefix prefix of each participant's mailbox queue; the ODS code completes the name
 * @param dispatchConsumers concurrent dispatch consumers; per-patient order holds through message groups
 * @param dispatchBatchSize most messages a dispatcher takes in one JMS transaction, their database work in one commit
 * @param dispatchSetAsideQueue durable queue of messages whose dispatch failed in a batch, dispatched one at a time
 * @param amqpIntakeQueue durable queue that participants send messages to over AMQP, before they are checked
 * @param replyQueuePrefix prefix of each participant's queue of answers to what it sent over AMQP
 * @param amqpReceiptQueue durable queue on which the broker puts a receipt for each delivery a participant acknowledged
 *     over AMQP, for a hub node to audit
 */
@Validated
@ConfigurationProperties("hub.routes")
public record RouteProperties(
        @NotBlank String intakeQueue,
        @NotBlank String mailboxQueuePrefix,
        @Min(1) int dispatchConsumers,
        @Min(1) @Max(32) int dispatchBatchSize,
        @NotBlank String dispatchSetAsideQueue,
        @NotBlank String amqpIntakeQueue,
        @NotBlank String replyQueuePrefix,
        @NotBlank String amqpReceiptQueue) {

    public String mailboxQueue(String ods) {
        return mailboxQueuePrefix + ods;
    }

    public String replyQueue(String ods) {
        return replyQueuePrefix + ods;
    }
}
