package org.vanguard.routes.intake;

import java.time.Instant;

/**
 * The hub's ids of the messages it has accepted, kept where every hub node sees them (the database): a message sent
 * again, to any node and however long after the first time, is answered as the first time and not queued again.
 * The broker's duplicate detection covers the moment between queueing a message and recording its id; on its own it
 * remembers only the last few thousand ids of one broker.
 */
public interface IntakeKeys {

    /** Whether a message with this hub id was accepted already. */
    boolean known(String hubMessageId);

    /** Records an accepted (queued) message; recording one twice is harmless. */
    void remember(String hubMessageId, String sender, Instant acceptedAt);

    /** Nothing kept: the broker's duplicate detection alone. */
    IntakeKeys NONE = new IntakeKeys() {
        @Override
        public boolean known(String hubMessageId) {
            return false;
        }

        @Override
        public void remember(String hubMessageId, String sender, Instant acceptedAt) {}
    };
}
