package org.vanguard.hub.audit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vanguard.routes.dispatch.GroupedTransactions;

/**
 * Database transactions committed in groups: each caller's work runs on one writer, under a savepoint of its own
 * inside a transaction shared with whatever else was waiting, and the caller returns (with its work's result) only once
 * that transaction has committed. A commit is what dispatch costs most on the embedded database (H2 writes a chunk of
 * every page a commit touched); a group of N pays for one. Work that throws is rolled back to its savepoint and thrown
 * to its own caller alone; if the commit itself fails, every caller of the group gets the failure (their JMS
 * transactions roll back and the broker redelivers; dispatch's writes are idempotent). A caller may hand over several
 * pieces at once ({@link #executeEach}, a dispatcher's batch of messages): they go into the same transaction, in order,
 * each under its own savepoint.
 *
 * <p>The work of one group runs one after another on the writer, each seeing the writes before it, as if the callers
 * had run one at a time. So it must be database work, short and CPU-light: dispatch puts its records, relationships,
 * decisions, review and audit here and builds the bundles afterwards on its own thread; the audit of collections,
 * queries and receipts comes here too ({@code GroupCommitAuditLog}), so one writer holds the audit chain's head. A
 * caller already in a transaction runs its work in it, as {@link TransactionTemplate} would (several pieces each under a
 * savepoint).
 *
 * <p>The writer is a task on a single-thread Spring executor, started when work arrives and ending when none is left,
 * so nothing polls while the hub is idle. Stopping waits for the work already handed over; work arriving after that
 * runs on its caller's thread, alone.
 *
 * <p>A group takes the audit chain's head before any work runs, as every other writer of the audit does
 * ({@link JdbcAuditLog#holdHead()}): the head first, rows after, so the writer and an officer's change can never
 * each hold a row the other waits for.
 */
@Component
public class GroupCommitTransactions implements GroupedTransactions, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitTransactions.class);
    /**
     * Savepoints per group. Each is a subtransaction on PostgreSQL, which caches 64 of them per backend before every
     * session's visibility checks get slower; 32 leaves room for savepoints inside the work. A caller's batch larger
     * than this still commits as one group.
     */
    private static final int MAX_GROUP = 32;
    /** How long a caller waits for its group: far beyond any commit, short of a stuck writer holding it forever. */
    private static final long WAIT_MINUTES = 5;

    /** One caller's work, in order, and where its outcomes go once committed. */
    private record Pending(
            List<? extends TransactionCallback<?>> work, CompletableFuture<List<Outcome<Object>>> done) {}

    private final TransactionTemplate group;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate alone;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final SerialWriter writer =
            new SerialWriter("database-group-commit", this::commitWaiting, () -> !waiting.isEmpty());
    private final DistributionSummary groupSizes;
    private volatile boolean stopped;

    private final JdbcAuditLog chain;

    public GroupCommitTransactions(PlatformTransactionManager transactions, MeterRegistry metrics, JdbcAuditLog chain) {
        this.chain = chain;
        this.group = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.alone = new TransactionTemplate(transactions);
        this.groupSizes = DistributionSummary.builder("hub.database.group.size")
                .description("pieces of work (savepoints) committed together")
                .register(metrics);
    }

    /**
     * The callback's result, null for a {@code Void} one: Spring declares it {@code <T extends @Nullable Object>},
     * which NullAway's standard mode cannot read, so only this method is left unchecked.
     */
    @Override
    @SuppressWarnings({"unchecked", "NullAway"})
    public <T> T execute(TransactionCallback<T> work) throws TransactionException {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return alone.execute(work);
        }
        Outcome<T> outcome = executeEach(List.of(work)).get(0);
        if (outcome.failed()) {
            throw outcome.cause();
        }
        return outcome.result();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> List<Outcome<T>> executeEach(List<? extends TransactionCallback<T>> work) {
        if (work.isEmpty()) {
            return List.of();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive() || stopped) {
            return (List) alone.execute(status -> runEach(work));
        }
        Pending pending = new Pending(List.copyOf(work), new CompletableFuture<>());
        waiting.add(pending);
        writer.start();
        try {
            return (List) pending.done().get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new TransactionSystemException("group commit failed", Objects.requireNonNullElse(e.getCause(), e));
        } catch (TimeoutException e) {
            throw new TransactionTimedOutException("the database writer did not commit this work within " + WAIT_MINUTES
                    + " minutes; it may still commit it, and callers' work is idempotent");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionSystemException(
                    "interrupted while waiting for the group commit; the work may still commit");
        }
    }

    /** Commits groups until nothing is waiting ({@link SerialWriter} starts it again for work that came as it ended). */
    private void commitWaiting() {
        List<Pending> taken = new ArrayList<>();
        while (true) {
            int pieces = 0;
            for (Pending next = waiting.peek();
                    next != null && (pieces == 0 || pieces + next.work().size() <= MAX_GROUP);
                    next = waiting.peek()) {
                taken.add(waiting.poll());
                pieces += next.work().size();
            }
            if (taken.isEmpty()) {
                return;
            }
            groupSizes.record(pieces);
            commit(taken);
            taken.clear();
        }
    }

    private void commit(List<Pending> taken) {
        List<List<Outcome<Object>>> outcomes = new ArrayList<>(taken.size());
        try {
            group.executeWithoutResult(status -> {
                chain.holdHead();
                for (Pending pending : taken) {
                    outcomes.add(runEach(pending.work()));
                }
            });
        } catch (Throwable commitFailed) {
            if (taken.size() > 1) {
                log.warn(
                        "A group of {} transactions failed to commit ({}); each caller is told",
                        taken.size(),
                        commitFailed.toString());
            }
            taken.forEach(pending -> pending.done().completeExceptionally(commitFailed));
            return;
        }
        for (int i = 0; i < taken.size(); i++) {
            taken.get(i).done().complete(outcomes.get(i));
        }
    }

    /**
     * Each piece under a savepoint of its own, in order, inside the transaction already open. A piece that throws is
     * rolled back to its savepoint and fails alone. A savepoint that cannot be released or rolled back to fails the
     * whole transaction: on PostgreSQL it means a statement failed that the piece caught itself, which leaves the
     * transaction aborted, and a commit then rolls everything back without an error (pgjdbc reports no failure), so
     * the pieces before it would be told "committed" for work that is gone.
     */
    @SuppressWarnings("unchecked")
    private List<Outcome<Object>> runEach(List<? extends TransactionCallback<?>> work) {
        List<Outcome<Object>> outcomes = new ArrayList<>(work.size());
        for (TransactionCallback<?> piece : work) {
            try {
                outcomes.add(new Outcome<>(savepoint.execute((TransactionCallback<Object>) piece), null));
            } catch (TransactionException savepointFailed) {
                throw savepointFailed;
            } catch (RuntimeException failed) {
                outcomes.add(new Outcome<>(null, failed));
            }
        }
        return outcomes;
    }

    /** Stops the writer once it has finished what was handed over; later callers run alone. */
    @Override
    public void destroy() {
        stopped = true;
        writer.shutdown();
        if (!waiting.isEmpty()) {
            commitWaiting();
        }
    }
}
