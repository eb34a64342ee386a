package org.vanguard.hub.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.vanguard.governance.audit.AuditChain;

/**
 * Re-walks the stored audit chain and names every record that was edited, removed or reordered, then checks every
 * signed checkpoint: its signature, and that the chain still passes through the hash it signed. A chain rewritten
 * from some record on (hashes recomputed) or cut short after a checkpoint passes the walk but not the checkpoints.
 */
@Service
public class AuditVerification {

    private final JdbcTemplate jdbc;
    private final AuditCheckpoints checkpoints;
    private final AuditAnchors anchors;

    public AuditVerification(JdbcTemplate jdbc, AuditCheckpoints checkpoints, AuditAnchors anchors) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.anchors = anchors;
    }

    /** The verdict on the whole chain. */
    public record Verdict(boolean intact, int records, long headSeq, int checkpoints, List<AuditChain.Break> breaks) {}

    /**
     * Verifies the chain as it stood when its head was read, while the hub goes on writing: the signed checkpoints
     * and the outside anchors are read first (the head only moves forward, so each is at or before it unless the
     * chain was cut), then the head, then the records up to it; records appended meanwhile wait for the next check.
     */
    public Verdict verify() {
        List<AuditCheckpoints.Checkpoint> signed = checkpoints.all();
        List<AuditAnchors.Anchor> anchored = anchors.all();
        Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        long headSeq = ((Number) Objects.requireNonNull(head.get("last_seq"), "last_seq")).longValue();
        String headHash = (String) Objects.requireNonNull(head.get("last_hash"), "last_hash");
        List<AuditChain.Link> links = links(jdbc, headSeq);
        List<AuditChain.Break> breaks = new ArrayList<>(AuditChain.verify(links, headSeq, headHash));
        breaks.addAll(checkpointBreaks(links, signed));
        breaks.addAll(anchorBreaks(links, headSeq, signed, anchored));
        return new Verdict(breaks.isEmpty(), links.size(), headSeq, signed.size(), breaks);
    }

    /** The chain's records up to {@code headSeq}, in chain order, as links to verify. */
    static List<AuditChain.Link> links(JdbcTemplate jdbc, long headSeq) {
        return jdbc.query(
                "select id, " + AuditRow.COLUMNS
                        + ", seq, prev_hash, row_hash from audit_decision where seq is not null and seq <= ? order by seq, id",
                (rs, n) -> new AuditChain.Link(
                        rs.getLong("seq"),
                        rs.getLong("id"),
                        AuditRow.from(rs).canonical(),
                        rs.getString("prev_hash"),
                        rs.getString("row_hash")),
                headSeq);
    }

    /**
     * What the copies anchored outside the database say of the database: a checkpoint gone from it, a checkpoint
     * changed in it, a chain that no longer passes through an anchored hash, or one that ends before an anchored record.
     */
    private List<AuditChain.Break> anchorBreaks(
            List<AuditChain.Link> links,
            long headSeq,
            List<AuditCheckpoints.Checkpoint> signed,
            List<AuditAnchors.Anchor> anchored) {
        Map<Long, AuditCheckpoints.Checkpoint> byId = new HashMap<>();
        signed.forEach(checkpoint -> byId.put(checkpoint.id(), checkpoint));
        Map<Long, AuditChain.Link> bySeq = new HashMap<>();
        links.forEach(link -> bySeq.putIfAbsent(link.seq(), link));
        List<AuditChain.Break> breaks = new ArrayList<>();
        long furthest = 0;
        String furthestName = null;
        for (AuditAnchors.Anchor anchor : anchored) {
            String name =
                    "checkpoint " + anchor.id() + " (anchored outside the database at record " + anchor.seq() + ")";
            AuditCheckpoints.Checkpoint stored = byId.get(anchor.id());
            if (stored == null) {
                breaks.add(new AuditChain.Break(anchor.seq(), -1, name + ": removed from the database"));
            } else if (stored.seq() != anchor.seq()
                    || !stored.chainHash().equals(anchor.chainHash())
                    || !stored.signedAt().equals(anchor.signedAt())
                    || !stored.signature().equals(anchor.signature())) {
                breaks.add(new AuditChain.Break(
                        anchor.seq(),
                        -1,
                        name + ": rewritten in the database (it now reads record " + stored.seq() + ", hash "
                                + stored.chainHash() + ")"));
            }
            AuditAnchors.tokenProblem(anchor)
                    .ifPresent(problem -> breaks.add(new AuditChain.Break(anchor.seq(), -1, name + ": " + problem)));
            AuditChain.Link link = bySeq.get(anchor.seq());
            if (anchor.seq() > 0
                    && anchor.seq() <= headSeq
                    && link != null
                    && !anchor.chainHash().equals(link.hash())) {
                breaks.add(
                        new AuditChain.Break(
                                anchor.seq(),
                                link.rowId(),
                                name
                                        + ": the chain no longer passes through the hash anchored for it (the chain up to there was rewritten)"));
            }
            if (anchor.seq() > furthest) {
                furthest = anchor.seq();
                furthestName = name;
            }
        }
        if (furthest > headSeq) {
            breaks.add(new AuditChain.Break(
                    headSeq,
                    -1,
                    "the tail was cut: the chain ends at record " + headSeq + " but " + furthestName + " covers record "
                            + furthest));
        }
        return breaks;
    }

    private List<AuditChain.Break> checkpointBreaks(
            List<AuditChain.Link> links, List<AuditCheckpoints.Checkpoint> signed) {
        Map<Long, AuditChain.Link> bySeq = new HashMap<>();
        links.forEach(link -> bySeq.putIfAbsent(link.seq(), link));
        List<AuditChain.Break> breaks = new ArrayList<>();
        for (AuditCheckpoints.Checkpoint checkpoint : signed) {
            String name = "checkpoint " + checkpoint.id() + " (signed " + checkpoint.signedAt() + " with key "
                    + checkpoint.keyId() + ")";
            if (!checkpoints.signatureHolds(checkpoint)) {
                breaks.add(
                        new AuditChain.Break(
                                checkpoint.seq(),
                                -1,
                                name
                                        + ": its signature does not verify with the hub's keys (the checkpoint was edited or forged)"));
                continue;
            }
            if (checkpoint.seq() == 0) {
                continue;
            }
            AuditChain.Link link = bySeq.get(checkpoint.seq());
            if (link == null) {
                breaks.add(
                        new AuditChain.Break(
                                checkpoint.seq(),
                                -1,
                                name + ": record " + checkpoint.seq()
                                        + " it signed is no longer in the chain (records removed after it was taken: the chain was truncated)"));
            } else if (!checkpoint.chainHash().equals(link.hash())) {
                breaks.add(new AuditChain.Break(
                        checkpoint.seq(),
                        link.rowId(),
                        name + ": the chain no longer passes through" + " the hash it signed at record "
                                + checkpoint.seq() + " (the chain up to there was rewritten)"));
            }
        }
        return breaks;
    }
}
