package org.vanguard.hub.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.audit.AuditChain;

/**
 * The moment a recipient has one delivery: it read it or acknowledged it on the REST mailbox, its endpoint answered a
 * push ok, or it acknowledged by a response message. The dispatch permit says the hub released the records; a receipt
 * says they arrived, which is what a subject access request asks ("who received my record, and when").
 *
 * <p>One receipt per delivery and way of receiving ({@link #idempotencyKey()}): a push redelivered after a rollback,
 * an acknowledgement repeated, or the same delivery read again adds nothing, so the audit says <em>that</em> and
 * <em>how</em> the recipient had it, first at {@link #at()}, not how often it looked.
 *
 * @param how {@code mailbox-read}, {@code mailbox-ack}, {@code push} or {@code ack} (FHIR response message)
 */
public record Receipt(
        Instant at,
        String deliveryId,
        String messageId,
        @Nullable String sender,
        String recipient,
        @Nullable String purpose,
        String nhsNumber,
        List<String> resourceTypes,
        List<String> agreements,
        String how) {

    public Receipt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(how, "how");
        resourceTypes = List.copyOf(resourceTypes);
        agreements = List.copyOf(agreements);
    }

    /** SHA-256 of (kind, delivery, how): the same receipt recorded twice has the same key. */
    public String idempotencyKey() {
        return AuditChain.digest(AuditChain.canonical(List.of(AuditRow.RECEIPT, deliveryId, how)));
    }
}
