package org.vanguard.hub.audit;

import java.util.List;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.hub.metrics.HubMetrics;

/**
 * The hub's {@link AuditLog}: {@link JdbcAuditLog}'s records, committed in groups. The audit is one hash chain, so
 * every writer must hold the chain head from its append until its commit, and a commit is the dearest thing a
 * database does: one writer a commit would make the chain the whole hub's bottleneck. A caller's entries are appended
 * by {@link GroupCommitTransactions}' single writer in a transaction shared with whatever else is waiting (one head
 * lock, one commit), and the caller returns only once its entries are committed, so the guarantee is the one
 * {@link JdbcAuditLog} gives: durable before the caller's JMS transaction commits. Each caller's entries have a
 * savepoint of their own, so a caller the database refuses fails alone. A caller already in a transaction joins it
 * (an admin change and its record commit together; dispatch's group).
 */
@Primary
@Component
public class GroupCommitAuditLog implements AuditLog {

    private final JdbcAuditLog chain;
    private final GroupCommitTransactions transactions;
    private final HubMetrics metrics;

    public GroupCommitAuditLog(JdbcAuditLog chain, GroupCommitTransactions transactions, HubMetrics metrics) {
        this.chain = chain;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    @Override
    public void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<AuditEntry> copy = List.copyOf(entries);
        metrics.auditWrite().record(() -> transactions.executeWithoutResult(status -> chain.record(copy)));
        metrics.decided(copy);
    }
}
