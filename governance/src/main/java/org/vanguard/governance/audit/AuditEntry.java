package org.vanguard.governance.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.DenyReason;
import org.vanguard.governance.decision.ReasonCode;

/**
 * One audited decision: who asked to share what about whom, for which purpose, the outcome, the
 * agreement clause or the reasons, the rule and the explanation in full.
 */
public record AuditEntry(
        Instant recordedAt,
        String messageId,
        DecisionRequest request,
        Outcome outcome,
        List<ReasonCode> reasons,
        Optional<String> agreement,
        String rule,
        String explanation) {

    /** Whether data was allowed to leave. */
    public enum Outcome {
        PERMIT,
        DENY
    }

    public AuditEntry {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * What a permit records as its rule: the combining algorithm, since a permit is every rule staying
     * silent; the explanation lists each rule and each obligation.
     */
    public static final String PERMIT_RULE = "DenyOverrides: no rule denied";

    public static AuditEntry of(String messageId, Decision decision, Instant recordedAt) {
        String explanation = String.join("\n", decision.explanation());
        return decision.fold(
                permit -> new AuditEntry(recordedAt, messageId, permit.request(), Outcome.PERMIT, List.of(),
                        Optional.of(permit.basis().reference()), PERMIT_RULE, explanation),
                deny -> new AuditEntry(recordedAt, messageId, deny.request(), Outcome.DENY,
                        deny.reasons().stream().map(DenyReason::code).toList(), Optional.empty(),
                        String.join(",", deny.reasons().stream().map(DenyReason::rule).toList()), explanation));
    }
}
