package org.vanguard.hub.audit;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes an admin change and records it in the audit chain in one database transaction: a change that fails is not
 * recorded, and a change whose record cannot be written is rolled back, so no admin change goes unaudited. A change
 * outside the database (the signing key file, the agreement files) is made first and recorded after; if the record
 * then fails the officer gets an error and repeats the change.
 */
@Service
public class AdminAudit {

    private final JdbcAuditLog log;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public AdminAudit(JdbcAuditLog log, PlatformTransactionManager transactions, Clock clock) {
        this.log = log;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Makes the change, then records what {@code describe} says of its result, both or neither. */
    public <T> T change(Supplier<T> change, Function<T, AdminChange> describe) {
        return transaction.execute(status -> {
            log.holdHead();
            T result = change.get();
            log.record(describe.apply(result));
            return result;
        });
    }

    /** A change by this officer, now. */
    public AdminChange by(String officer, String action, String detail) {
        return AdminChange.of(clock.instant(), officer, action, detail);
    }
}
