package org.vanguard.routes.dispatch;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Database transactions committed together with other callers' ({@code GroupCommitTransactions} in the hub). Beside
 * {@link #execute}, a caller may hand over several pieces of work at once: they commit in one transaction, in the
 * order given, each under a savepoint of its own, so that one piece the database refuses fails alone while the others
 * commit. Dispatch gives it a batch of messages' records, relationships, decisions and audit.
 */
public interface GroupedTransactions extends TransactionOperations {

    /** What became of one piece of work: its result, or why it was rolled back to its savepoint. */
    record Outcome<T>(@Nullable T result, @Nullable RuntimeException failure) {

        public boolean failed() {
            return failure != null;
        }

        /** Why the piece was rolled back; only for a failed one. */
        public RuntimeException cause() {
            if (failure == null) {
                throw new IllegalStateException("the work did not fail");
            }
            return failure;
        }
    }

    /**
     * Runs each piece of work in one transaction, in order, each under its own savepoint, and returns once that
     * transaction has committed. A piece that throws is rolled back alone and its outcome carries the exception; if the
     * commit itself fails, this throws and nothing of the batch was written.
     */
    <T> List<Outcome<T>> executeEach(List<? extends TransactionCallback<T>> work);
}
