package org.vanguard.governance.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The audit as a hash chain: each record's hash commits to its own content, its sequence number and the
 * hash of the record before it, so editing, removing or reordering any record breaks the chain at that
 * point, and re-walking it names where (tamper evidence in the spirit of RFC 6962's append-only logs).
 */
public final class AuditChain {

    /** The hash the first record of a chain commits to. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** One stored record as the chain sees it: sequence, the content that was hashed, and the stored hashes. */
    public record Link(long seq, long rowId, String canonicalContent, String previousHash, String hash) {
        public Link {
            Objects.requireNonNull(canonicalContent, "canonicalContent");
        }
    }

    /** Something wrong at one place in the chain, in words for an IG officer. */
    public record Break(long seq, long rowId, String problem) {}

    /** SHA-256 of the text as lower-case hex. */
    public static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** SHA-256 over the previous hash, the sequence number and the content, as lower-case hex. */
    public static String hash(String previousHash, long seq, String canonicalContent) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(Long.toString(seq).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(canonicalContent.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * The canonical form of a record's fields: each field length-prefixed, so no choice of values can make two
     * different records hash alike by moving a separator.
     */
    public static String canonical(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            String value = field == null ? "" : field;
            out.append(field == null ? -1 : value.length())
                    .append(':')
                    .append(value)
                    .append(';');
        }
        return out.toString();
    }

    /**
     * Re-walks the chain in sequence order and names every break: a record whose content no longer matches
     * its hash (edited), a gap in the sequence (removed), a record not committing to the one before it
     * (removed or reordered), and missing records at the end (the head says more were written).
     *
     * @param headSeq the last sequence number the chain's head recorded
     * @param headHash the last hash the chain's head recorded
     */
    public static List<Break> verify(List<Link> links, long headSeq, String headHash) {
        List<Break> breaks = new ArrayList<>();
        long expectedSeq = 1;
        String previous = GENESIS;
        for (Link link : links) {
            if (link.seq() > expectedSeq) {
                breaks.add(new Break(
                        expectedSeq,
                        link.rowId(),
                        "records " + expectedSeq + " to " + (link.seq() - 1) + " are missing (removed)"));
            } else if (link.seq() < expectedSeq) {
                breaks.add(new Break(
                        link.seq(),
                        link.rowId(),
                        "sequence number " + link.seq() + " appears again (inserted or reordered)"));
            }
            if (!previous.equals(link.previousHash())) {
                breaks.add(
                        new Break(
                                link.seq(),
                                link.rowId(),
                                "does not follow the record before it (a record before it was removed, inserted or reordered)"));
            }
            String recomputed =
                    hash(link.previousHash() == null ? "" : link.previousHash(), link.seq(), link.canonicalContent());
            if (!recomputed.equals(link.hash())) {
                breaks.add(new Break(link.seq(), link.rowId(), "content no longer matches its hash (edited)"));
            }
            previous = link.hash();
            expectedSeq = link.seq() + 1;
        }
        if (headSeq >= expectedSeq) {
            breaks.add(new Break(
                    expectedSeq,
                    -1,
                    "records " + expectedSeq + " to " + headSeq + " are missing at the end (removed)"));
        } else if (!links.isEmpty() && !headHash.equals(previous)) {
            breaks.add(new Break(headSeq, -1, "the last record does not match the chain head"));
        }
        return breaks;
    }
}
