package org.vanguard.hub.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;

/**
 * The hub's {@link AuditLog}: {@link JdbcAuditLog}'s records, committed in groups. The audit is one hash chain, so
 * every writer must hold the chain head from its append until its commit, and a commit is the dearest thing a
 * database does: one writer a commit would make the chain the whole hub's bottleneck. Here a caller that is not in a
 * transaction of its own hands its entries to a single writer thread, which appends everything waiting in one
 * transaction (one head lock, one batch insert, one commit) and then answers every caller. A caller returns only once
 * its entries are committed, so the guarantee is the one {@link JdbcAuditLog} gives: durable before the caller's JMS
 * transaction commits. No caller waits for a timer; a group is whatever arrived while the previous commit ran.
 *
 * <p>If a group fails, each of its callers' entries is tried again alone, so one caller's failure is only its own.
 * A caller already in a transaction joins it as before (an admin change and its record commit together).
 */
@Primary
@Component
public class GroupCommitAuditLog implements AuditLog, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitAuditLog.class);
    private static final int MAX_GROUP = 512;

    private record Pending(List<AuditEntry> entries, CompletableFuture<Void> done) {
    }

    private final JdbcAuditLog chain;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final DistributionSummary groupSizes;
    private volatile boolean stopped;

    public GroupCommitAuditLog(JdbcAuditLog chain, MeterRegistry metrics) {
        this.chain = chain;
        this.groupSizes = DistributionSummary.builder("hub.audit.group.size")
                .description("callers whose audit entries were committed together").register(metrics);
        this.writer = new Thread(this::writeGroups, "audit-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive() || stopped) {
            chain.record(entries);
            return;
        }
        Pending pending = new Pending(List.copyOf(entries), new CompletableFuture<>());
        waiting.add(pending);
        if (stopped && waiting.remove(pending)) {
            // The writer may have finished before this arrived: nobody else will record it.
            chain.record(entries);
            return;
        }
        try {
            pending.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Runs until {@link #stopped}, after what is waiting. Interrupts are not a way to stop it (an interrupt during a
     * write would close the database's file channel under it), and nothing may end it early: callers wait on it.
     */
    private void writeGroups() {
        List<Pending> group = new ArrayList<>();
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
            group.add(first);
            waiting.drainTo(group, MAX_GROUP - 1);
            groupSizes.record(group.size());
            try {
                commit(group);
            } catch (Throwable unexpected) {
                // An Error from the database or the JVM: no caller may be left waiting for an answer.
                group.forEach(pending -> pending.done().completeExceptionally(unexpected));
            }
            group.clear();
        }
    }

    private void commit(List<Pending> group) {
        try {
            List<AuditEntry> all = new ArrayList<>();
            group.forEach(pending -> all.addAll(pending.entries()));
            chain.record(all);
            group.forEach(pending -> pending.done().complete(null));
        } catch (RuntimeException groupFailure) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(groupFailure);
                return;
            }
            log.warn("An audit group of {} callers failed ({}); recording each caller's entries alone", group.size(),
                    groupFailure.toString());
            for (Pending pending : group) {
                try {
                    chain.record(pending.entries());
                    pending.done().complete(null);
                } catch (RuntimeException alone) {
                    pending.done().completeExceptionally(alone);
                }
            }
        }
    }

    /** Stops the writer once it has finished what is waiting; later callers record directly. */
    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        writer.join(10_000);
    }
}
