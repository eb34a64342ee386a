package org.vanguard.hub.database;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
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
 */
@Component
public class GroupCommitTransactions implements TransactionOperations, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitTransactions.class);
    private static final int MAX_GROUP = 64;

    private record Pending(TransactionCallback<?> work, CompletableFuture<Object> done) {
    }

    private final TransactionTemplate group;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate alone;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final DistributionSummary groupSizes;
    private volatile boolean stopped;

    public GroupCommitTransactions(PlatformTransactionManager transactions, MeterRegistry metrics) {
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
            return (T) pending.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
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
