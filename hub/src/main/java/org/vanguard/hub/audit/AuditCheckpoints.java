package org.vanguard.hub.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed checkpoints of the audit chain. The hash chain alone shows an edit, a removal or a swap, but someone who can
 * write to the database could rewrite every hash after an edit, or cut records off the end and move the head back.
 * A checkpoint is the chain head (sequence, hash, time) signed with the hub's Ed25519 key, which lives in the PKI
 * directory and not in the database: verification checks each checkpoint's signature and that the chain still passes
 * through each checkpointed hash, so neither rewriting nor truncating what a checkpoint covers goes unnoticed.
 * Checkpoints are taken every {@code hub.audit.checkpoint-interval} (10 seconds, when the chain has grown) and on
 * demand, and each is anchored outside the database once committed ({@link AuditAnchors}), so even someone who controls
 * the database cannot cut the tail, or remove or rewrite a checkpoint, unnoticed.
 */
@Service
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final JdbcTemplate jdbc;
    private final CheckpointSigner keys;
    private final Clock clock;
    private final AuditAnchors anchors;

    private final org.springframework.transaction.support.TransactionTemplate transactions;

    public AuditCheckpoints(
            JdbcTemplate jdbc,
            CheckpointSigner keys,
            Clock clock,
            AuditAnchors anchors,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.anchors = anchors;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    /** One signed checkpoint as stored and shown. */
    public record Checkpoint(long id, long seq, String chainHash, Instant signedAt, String keyId, String signature) {

        /** The bytes the signature covers: a fixed label, then sequence, hash and time, one a line. */
        public byte[] payload() {
            return payload(seq, chainHash, signedAt);
        }

        static byte[] payload(long seq, String hash, Instant at) {
            return ("vanguard-hub audit checkpoint\nseq=" + seq + "\nhash=" + hash + "\nat=" + at)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Signs the chain head as it is now; the head stays locked meanwhile, so the checkpoint is of one chain state. */
    @Transactional
    public Checkpoint checkpoint() {
        Map<String, Object> head =
                jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1 for update");
        long seq = ((Number) Objects.requireNonNull(head.get("last_seq"), "last_seq")).longValue();
        String hash = (String) Objects.requireNonNull(head.get("last_hash"), "last_hash");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String signature = keys.sign(Checkpoint.payload(seq, hash, at));
        String keyId = keys.currentKeyId();
        jdbc.update(
                "insert into audit_checkpoint (seq, chain_hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)",
                seq,
                hash,
                Timestamp.from(at),
                keyId,
                signature);
        Checkpoint made = latest().orElseThrow();
        // Anchored outside the database once committed: a copy of a checkpoint that rolled back would read as removed.
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            anchors.anchor(made);
                        }
                    });
        } else {
            anchors.anchor(made);
        }
        log.info("Audit checkpoint {} signed at record {} with key {}", made.id(), seq, keyId);
        return made;
    }

    /**
     * The periodic checkpoint: taken only when the chain has grown since the last one, on one node of a cluster at a
     * time (each node would otherwise sign its own checkpoint of the same head).
     */
    @Scheduled(
            fixedDelayString = "${hub.audit.checkpoint-interval:PT10S}",
            initialDelayString = "${hub.audit.checkpoint-interval:PT10S}")
    @SchedulerLock(name = "audit-checkpoint", lockAtMostFor = "PT5M")
    public void periodic() {
        long head = Objects.requireNonNull(
                jdbc.queryForObject("select last_seq from audit_chain_head where id = 1", Long.class), "last_seq");
        long checkpointed = latest().map(Checkpoint::seq).orElse(0L);
        if (head > checkpointed) {
            // A call from within this bean bypasses its @Transactional proxy: the head lock and the anchor after commit
            // need a transaction of their own.
            transactions.executeWithoutResult(status -> checkpoint());
        }
    }

    public List<Checkpoint> all() {
        return jdbc.query(
                "select * from audit_checkpoint order by id",
                (rs, n) -> new Checkpoint(
                        rs.getLong("id"),
                        rs.getLong("seq"),
                        rs.getString("chain_hash"),
                        rs.getTimestamp("signed_at").toInstant(),
                        rs.getString("key_id"),
                        rs.getString("signature")));
    }

    public Optional<Checkpoint> latest() {
        List<Checkpoint> all = all();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Whether the checkpoint's signature verifies with the hub's published keys. */
    public boolean signatureHolds(Checkpoint checkpoint) {
        return keys.verify(checkpoint.signature(), checkpoint.payload());
    }
}
