package org.vanguard.governance.impact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DenyReason;

/**
 * Weighs an agreement change: each audited exchange is decided again as of now, once against the agreements in
 * force and once against them with the change applied, and the two answers are compared (outcome, the clause relied
 * on, the obligations). Deciding both as of now isolates the change: a Consent withdrawn since the message was sent
 * changes both answers alike and is not counted against the agreement. Nothing is sent or audited.
 */
public final class ChangeImpact {

    private final Function<AgreementStore, DecisionEngine> engines;
    private final int sampleSize;

    /**
     * @param engines builds the hub's standard engine (same participants, Consents, objections, relationships and
     *     clock) over a given set of agreements
     * @param sampleSize how many affected messages the report lists
     */
    public ChangeImpact(Function<AgreementStore, DecisionEngine> engines, int sampleSize) {
        this.engines = Objects.requireNonNull(engines, "engines");
        if (sampleSize < 0) {
            throw new IllegalArgumentException("sample size must not be negative");
        }
        this.sampleSize = sampleSize;
    }

    public ImpactReport assess(
            AgreementChange change,
            AgreementCatalogue current,
            List<PastDecision> past,
            Instant from,
            Instant to,
            boolean windowTruncated) {
        AgreementCatalogue changed = change.applyTo(current);
        DecisionEngine before = engines.apply(() -> current);
        DecisionEngine after = engines.apply(() -> changed);
        Pseudonyms pseudonyms = new Pseudonyms();
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        List<ImpactReport.AffectedMessage> affected = new ArrayList<>();
        int changedCount = 0;
        for (PastDecision decision : past) {
            Decision now = before.decide(decision.request());
            Decision then = after.decide(decision.request());
            if (sameOutcome(now, then)) {
                continue;
            }
            changedCount++;
            String was = summary(now);
            String would = summary(then);
            if (was.equals(would)) {
                would = would + " with other obligations";
            }
            var r = decision.request();
            counts.merge(
                    List.of(
                            r.sender().value(),
                            r.recipient().value(),
                            r.resourceType(),
                            r.purpose().code(),
                            was,
                            would),
                    1,
                    Integer::sum);
            affected.add(new ImpactReport.AffectedMessage(
                    decision.messageId(),
                    decision.decidedAt(),
                    r.sender().value(),
                    r.recipient().value(),
                    r.resourceType(),
                    r.purpose().code(),
                    pseudonyms.of(r.patient().value()),
                    decision.recordedOutcome(),
                    was,
                    would,
                    why(then)));
        }
        List<ImpactReport.FlowImpact> flows = counts.entrySet().stream()
                .map(e -> new ImpactReport.FlowImpact(
                        e.getKey().get(0),
                        e.getKey().get(1),
                        e.getKey().get(2),
                        e.getKey().get(3),
                        e.getKey().get(4),
                        e.getKey().get(5),
                        e.getValue()))
                .sorted(Comparator.comparingInt(ImpactReport.FlowImpact::count).reversed())
                .toList();
        List<ImpactReport.AffectedMessage> sample = affected.stream()
                .sorted(Comparator.comparing(ImpactReport.AffectedMessage::decidedAt)
                        .reversed())
                .limit(sampleSize)
                .toList();
        return new ImpactReport(
                change.agreement().id(),
                change.describe(),
                from,
                to,
                past.size(),
                changedCount,
                windowTruncated,
                flows,
                sample);
    }

    /**
     * Whether the change leaves the answer as it is: a denial stays a denial whatever its reasons (a Consent that
     * denies with or without the agreement is no impact of the agreement); a permit stays the same permit only under
     * the same clause with the same obligations.
     */
    private static boolean sameOutcome(Decision now, Decision then) {
        return now.fold(
                permit -> then instanceof Decision.Permit other
                        && permit.basis().equals(other.basis())
                        && permit.obligations().equals(other.obligations()),
                deny -> then instanceof Decision.Deny);
    }

    private static String summary(Decision decision) {
        return decision.fold(
                permit -> "PERMIT under " + permit.basis().reference(),
                deny -> "DENY ("
                        + deny.reasons().stream()
                                .map(reason -> reason.code().name())
                                .distinct()
                                .collect(Collectors.joining(", "))
                        + ")");
    }

    /** The sentence that decides the changed answer: the first denying rule's text, or the clause relied on. */
    private static String why(Decision decision) {
        return decision.fold(
                permit -> permit.explanation().size() > 1
                        ? permit.explanation().get(1)
                        : permit.explanation().get(0),
                deny -> deny.reasons().stream()
                        .map(DenyReason::text)
                        .findFirst()
                        .orElse(""));
    }

    /**
     * Pseudonyms that hold within one report: HMAC-SHA256 under a key made for the report and never kept, so the same
     * patient reads the same throughout the report and cannot be linked to any other report or re-identified from it.
     */
    private static final class Pseudonyms {
        private final Mac mac;

        Pseudonyms() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
            }
        }

        String of(String nhsNumber) {
            byte[] digest = mac.doFinal(nhsNumber.getBytes(StandardCharsets.US_ASCII));
            return "patient-" + HexFormat.of().formatHex(digest, 0, 5);
        }
    }
}
