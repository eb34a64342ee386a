package org.vanguard.routes.delivery;

import java.util.Collection;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;

/** Port to participants' mailbox queues, for settling a delivery by the recipient's response message. */
public interface MailboxAccess {

    /** The first of these deliveries still waiting in the owner's mailbox, if any. */
    Optional<WaitingDelivery> find(OdsCode owner, Collection<String> deliveryIds);

    /** Takes the delivery out of the owner's mailbox; false when it is no longer there. */
    boolean remove(OdsCode owner, String deliveryId);
}
