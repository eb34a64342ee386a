package org.vanguard.hub.audit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
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
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Database transactions committed in groups: each caller's work runs on one writer thread, under a savepoint of its
 * own inside a transaction shared with whatever else was waiting, and the caller returns (with its work's result)
 * only once that transaction has committed. A commit is what dispatch costs most on the embedded database (H2
 * writes a chunk of every page a commit touched); a group of N pays for one. Work that throws is rolled back to its
 * savepoint and thrown to its own caller alone; if the commit itself fails, every caller of the group gets the
 * failure (their JMS transactions roll back and the broker redelivers; dispatch's writes are idempotent).
 *
 * <p>The work of one group runs one after another on the writer, each seeing the writes before it, as if the callers
 * had run one at a time. So it must be database work, short and CPU-light: dispatch puts its records, relationships,
 * decisions, review and audit here and builds the bundles afterwards on its own thread; the audit of collections,
 * queries and receipts comes here too ({@code GroupCommitAuditLog}), so one writer holds the audit chain's head. A
 * caller already in a transaction runs its work in it, as {@link TransactionTemplate} would.
 *
 * <p>A group takes the audit chain's head before any work runs, as every other writer of the audit does
 * ({@link JdbcAuditLog#holdHead()}): the head first, rows after, so the writer and an officer's change can never
 * each hold a row the other waits for.
 */
@Component
public class GroupCommitTransactions implements TransactionOperations, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitTransactions.class);
    /**
     * Callers per group. Each is a savepoint, a subtransaction on PostgreSQL, which caches 64 of them per backend
     * before every session's visibility checks get slower; 32 leaves room for savepoints inside the work.
     */
    private static final int MAX_GROUP = 32;
    /** How long a caller waits for its group: far beyond any commit, short of a stuck writer holding it forever. */
    private static final long WAIT_MINUTES = 5;

    private record Pending(TransactionCallback<?> work, CompletableFuture<Object> done) {
    }

    private final TransactionTemplate group;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate alone;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
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
                .description("callers whose database work was committed together").register(metrics);
        this.writer = new Thread(this::commitGroups, "database-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T execute(TransactionCallback<T> work) throws TransactionException {
        if (TransactionSynchronizationManager.isActualTransactionActive() || stopped) {
            return alone.execute(work);
        }
        Pending pending = new Pending(work, new CompletableFuture<>());
        waiting.add(pending);
        if (stopped && waiting.remove(pending)) {
            // The writer may have finished before this arrived: nobody else will run it.
            return alone.execute(work);
        }
        try {
            return (T) pending.done().get(WAIT_MINUTES, TimeUnit.MINUTES);
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
            throw new TransactionSystemException("interrupted while waiting for the group commit; the work may still commit");
        }
    }

    /** Runs until {@link #stopped}, after what is waiting; interrupts do not stop it (callers wait on it). */
    private void commitGroups() {
        List<Pending> taken = new ArrayList<>();
        while (!stopped || !waiting.isEmpty()) {
            Pending first;
            try {
                first = waiting.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                continue;
            }
            taken.add(first);
            waiting.drainTo(taken, MAX_GROUP - 1);
            groupSizes.record(taken.size());
            commit(taken);
            taken.clear();
        }
    }

    private void commit(List<Pending> taken) {
        List<Object> results = new ArrayList<>(taken.size());
        List<Throwable> failures = new ArrayList<>(taken.size());
        try {
            group.executeWithoutResult(status -> {
                chain.holdHead();
                for (Pending pending : taken) {
                    try {
                        results.add(savepoint.execute(pending.work()));
                        failures.add(null);
                    } catch (RuntimeException | Error failed) {
                        results.add(null);
                        failures.add(failed);
                    }
                }
            });
        } catch (Throwable commitFailed) {
            if (taken.size() > 1) {
                log.warn("A group of {} transactions failed to commit ({}); each caller is told", taken.size(),
                        commitFailed.toString());
            }
            taken.forEach(pending -> pending.done().completeExceptionally(commitFailed));
            return;
        }
        for (int i = 0; i < taken.size(); i++) {
            if (failures.get(i) == null) {
                taken.get(i).done().complete(results.get(i));
            } else {
                taken.get(i).done().completeExceptionally(failures.get(i));
            }
        }
    }

    /** Stops the writer once it has finished what is waiting; later callers run alone. */
    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        writer.join(10_000);
    }
}
