package org.vanguard.routes.record;

import java.time.Instant;
import java.util.Optional;

/**
 * A record's version as its source states it in {@code meta} (FHIR R4: {@code meta.lastUpdated} is when the
 * version was made, {@code meta.versionId} names it). The ordering rule, in this order:
 * <ol>
 * <li>both carry {@code lastUpdated} and they differ: the later one is newer;</li>
 * <li>otherwise both carry {@code versionId}: equal ids are the same version; two whole numbers compare as
 * numbers (the convention of FHIR servers, HAPI's included); other differing ids cannot be ordered;</li>
 * <li>otherwise equal {@code lastUpdated} on both sides is the same version;</li>
 * <li>anything else cannot be ordered, and arrival order stands (per-patient order is kept from intake on).</li>
 * </ol>
 */
public record RecordVersion(Optional<String> versionId, Optional<Instant> lastUpdated) {

    /** How an offered version stands against the one held. */
    public enum Order {
        NEWER,
        SAME,
        OLDER,
        UNORDERED
    }

    public static final RecordVersion NONE = new RecordVersion(Optional.empty(), Optional.empty());

    /** How this (offered) version stands against {@code held}. */
    public Order against(RecordVersion held) {
        if (lastUpdated.isPresent() && held.lastUpdated.isPresent()) {
            int byTime = lastUpdated.get().compareTo(held.lastUpdated.get());
            if (byTime != 0) {
                return byTime > 0 ? Order.NEWER : Order.OLDER;
            }
        }
        if (versionId.isPresent() && held.versionId.isPresent()) {
            String mine = versionId.get();
            String theirs = held.versionId.get();
            if (mine.equals(theirs)) {
                return Order.SAME;
            }
            Optional<Long> a = number(mine);
            Optional<Long> b = number(theirs);
            if (a.isPresent() && b.isPresent()) {
                return a.get() > b.get() ? Order.NEWER : a.get() < b.get() ? Order.OLDER : Order.SAME;
            }
            return Order.UNORDERED;
        }
        if (lastUpdated.isPresent() && held.lastUpdated.isPresent()) {
            return Order.SAME;
        }
        return Order.UNORDERED;
    }

    /** Which meta element decided {@link #against}, for pointing a sender at it. */
    public String decidingElement(RecordVersion held) {
        if (lastUpdated.isPresent() && held.lastUpdated.isPresent() && !lastUpdated.equals(held.lastUpdated)) {
            return "meta.lastUpdated";
        }
        return versionId.isPresent() && held.versionId.isPresent() ? "meta.versionId" : "meta.lastUpdated";
    }

    public String describe() {
        if (versionId.isEmpty() && lastUpdated.isEmpty()) {
            return "no meta.versionId or meta.lastUpdated";
        }
        return versionId.map(v -> "versionId " + v).orElse("no versionId") + ", "
                + lastUpdated.map(t -> "lastUpdated " + t).orElse("no lastUpdated");
    }

    private static Optional<Long> number(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id));
    }
}
