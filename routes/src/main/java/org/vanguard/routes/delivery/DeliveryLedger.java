package org.vanguard.routes.delivery;

import org.vanguard.governance.participant.OdsCode;

/**
 * Port to the record of deliveries a recipient has had (pushed and answered, or acknowledged). It is what
 * lets the hub promise that a recipient never receives the same delivery twice, even after a replay.
 */
public interface DeliveryLedger {

    boolean delivered(String deliveryId);

    /**
     * Records that the delivery's recipient has it. Every such record is also the recipient's receipt, which the
     * hub audits (once per delivery and way), so the whole delivery is passed, not only its id.
     *
     * @param how {@code push}, {@code ack} (FHIR response message), {@code mailbox-ack} (REST) or {@code amqp} (a
     *     delivery acknowledged over AMQP)
     * @return false when it was already recorded
     */
    boolean record(WaitingDelivery delivery, String how);

    /** Appends an event to the delivery's history (pushed, withheld, dead-lettered, replayed...), for operators. */
    void note(String deliveryId, String hubMessageId, OdsCode recipient, String kind, String detail);
}
