package org.vanguard.hub.pseudonym;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vanguard.governance.pseudonym.PseudonymKey;
import org.vanguard.governance.pseudonym.PseudonymKeys;

/**
 * The agreements' pseudonym secrets in table {@code pseudonym_key}, cached in memory so dispatch reads no row per
 * message. A key is made, and a rotation written, in a transaction of its own (REQUIRES_NEW): a caller's rollback
 * (the dispatch writer's group) can never leave a pseudonym issued under a key the database does not have.
 */
public class JdbcPseudonymKeys implements PseudonymKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Map<String, List<PseudonymKey>> cache = new ConcurrentHashMap<>();
    private volatile Runnable announce = () -> {};

    public JdbcPseudonymKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public PseudonymKey current(String agreementId) {
        List<PseudonymKey> keys = all(agreementId);
        if (!keys.isEmpty()) {
            return keys.get(0);
        }
        try {
            ownTransaction.executeWithoutResult(status -> insert(agreementId, "k1"));
        } catch (DuplicateKeyException another) {
            // Another thread or node made it first: theirs is the key.
        }
        cache.remove(agreementId);
        return all(agreementId).get(0);
    }

    @Override
    public List<PseudonymKey> all(String agreementId) {
        List<PseudonymKey> cached = cache.get(agreementId);
        if (cached != null) {
            return cached;
        }
        List<PseudonymKey> keys = load(agreementId);
        if (!keys.isEmpty()) {
            cache.put(agreementId, keys);
        }
        return keys;
    }

    /** Retires the current key and makes the next, which pseudonymises from now on; returns the new key id. */
    public String rotate(String agreementId) {
        String next = ownTransaction.execute(status -> {
            List<PseudonymKey> keys = load(agreementId);
            int number = keys.stream()
                            .mapToInt(k -> Integer.parseInt(k.keyId().substring(1)))
                            .max()
                            .orElse(0)
                    + 1;
            jdbc.update(
                    "update pseudonym_key set retired_at = ? where agreement_id = ? and retired_at is null",
                    Timestamp.from(clock.instant()),
                    agreementId);
            String keyId = "k" + number;
            insert(agreementId, keyId);
            return keyId;
        });
        cache.remove(agreementId);
        announce.run();
        return next;
    }

    /** Forgets every cached key, when another node rotated one. */
    public void forgetCached() {
        cache.clear();
    }

    /** Told of every rotation made on this node, to announce it to the other nodes. */
    public void announceRotationsWith(Runnable announcement) {
        this.announce = java.util.Objects.requireNonNull(announcement, "announcement");
    }

    private void insert(String agreementId, String keyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        jdbc.update(
                "insert into pseudonym_key (agreement_id, key_id, secret, created_at) values (?, ?, ?, ?)",
                agreementId,
                keyId,
                Base64.getEncoder().encodeToString(secret),
                Timestamp.from(clock.instant()));
    }

    private List<PseudonymKey> load(String agreementId) {
        return jdbc.query(
                "select key_id, secret from pseudonym_key where agreement_id = ? order by created_at desc, key_id desc",
                (rs, n) -> new PseudonymKey(
                        rs.getString("key_id"), Base64.getDecoder().decode(rs.getString("secret"))),
                agreementId);
    }
}
