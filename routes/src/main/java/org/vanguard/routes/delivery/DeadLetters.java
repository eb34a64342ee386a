package org.vanguard.routes.delivery;

/** Port to the dead-letter store; the hub keeps it in its database so that it can be listed and replayed. */
public interface DeadLetters {

    /** Stores the dead letter; a delivery that is already there (dead again after a replay) is updated. */
    void record(DeadLetter deadLetter);
}
