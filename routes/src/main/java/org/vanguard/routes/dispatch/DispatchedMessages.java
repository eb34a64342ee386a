package org.vanguard.routes.dispatch;

import java.time.Instant;
import java.util.Optional;

/**
 * What dispatch decided for each message it has dispatched (the hub's database), written in the same transaction as
 * the message's records, relationships and audit. A message the broker delivers again (its batch's database work
 * committed, its JMS transaction did not: a crash, a failed send) finds its decision here and is delivered as decided
 * then, never decided again: whatever was committed since (a later message about the same patient, a relationship
 * learnt from a batch-mate) cannot make a second decision, a second audit entry or a different delivery.
 */
public interface DispatchedMessages {

    /** A message's decision as dispatch kept it: when it was taken, and what it permitted or why it was refused. */
    record Dispatched(Instant decidedAt, String plan) {}

    /** The decision kept for the message, if it was dispatched before; joins the caller's transaction. */
    Optional<Dispatched> find(String hubMessageId);

    /** Keeps the message's decision; joins the caller's transaction, so it commits with the audit or not at all. */
    void record(String hubMessageId, Dispatched dispatched);
}
