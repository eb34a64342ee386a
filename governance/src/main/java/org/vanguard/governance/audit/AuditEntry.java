package org.vanguard.governance.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.agreement.AgreementClause;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.DenyReason;
import org.vanguard.governance.decision.ReasonCode;

/**
 * One audited decision: who asked to share what about whom, for which purpose, the outcome, the
 * agreement clause or the reasons, the rule and the explanation in full, and the stage at which it was taken
 * (when the message was dispatched, or again when its recipient came to collect it).
 */
public record AuditEntry(
        Instant recordedAt,
        String messageId,
        DecisionRequest request,
        Outcome outcome,
        List<ReasonCode> reasons,
        Optional<String> agreement,
        String rule,
        String explanation,
        Stage stage,
        Optional<String> occasion) {

    /** When the decision was taken: dispatching the message, or re-deciding when the recipient collects it. */
    public enum Stage {
        DISPATCH,
        COLLECTION
    }

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
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(occasion, "occasion");
    }

    /** A decision taken once per message and stage (dispatch, collection): no occasion of its own. */
    public AuditEntry(
            Instant recordedAt,
            String messageId,
            DecisionRequest request,
            Outcome outcome,
            List<ReasonCode> reasons,
            Optional<String> agreement,
            String rule,
            String explanation,
            Stage stage) {
        this(recordedAt, messageId, request, outcome, reasons, agreement, rule, explanation, stage, Optional.empty());
    }

    /**
     * What makes this record the same record if the decision is taken again for the same message: stage, message,
     * recipient, resource type, outcome and agreement, as a SHA-256 hex digest. A message redelivered after its
     * transaction rolled back is decided again; when nothing changed in between, the decision has this same key and
     * the audit keeps the record it already has; when something changed (a Consent withdrawn meanwhile) the key
     * differs and the new decision is recorded beside the first. A decision taken on an occasion of its own (a
     * replay) adds that occasion, so each replay's release is recorded.
     */
    public String idempotencyKey() {
        List<String> parts = new java.util.ArrayList<>(List.of(
                stage.name(),
                messageId,
                request.recipient().value(),
                request.resourceType(),
                outcome.name(),
                agreement.orElse("")));
        occasion.ifPresent(parts::add);
        return AuditChain.digest(AuditChain.canonical(parts));
    }

    /** The same decision as re-taken at collection, its explanation prefaced with what happened. */
    public AuditEntry atCollection(String preface) {
        return new AuditEntry(
                recordedAt,
                messageId,
                request,
                outcome,
                reasons,
                agreement,
                rule,
                preface + "\n" + explanation,
                Stage.COLLECTION,
                occasion);
    }

    /** As {@link #atCollection(String)}, on an occasion of its own ({@code occasion}, e.g. one replay job). */
    public AuditEntry atCollection(String occasion, String preface) {
        return new AuditEntry(
                recordedAt,
                messageId,
                request,
                outcome,
                reasons,
                agreement,
                rule,
                preface + "\n" + explanation,
                Stage.COLLECTION,
                Optional.of(occasion));
    }

    /**
     * What a permit records as its rule: the combining algorithm, since a permit is every rule staying
     * silent; the explanation lists each rule and each obligation.
     */
    public static final String PERMIT_RULE = "DenyOverrides: no rule denied";

    public static AuditEntry of(String messageId, Decision decision, Instant recordedAt) {
        String explanation = String.join("\n", decision.explanation());
        return decision.fold(
                permit -> new AuditEntry(
                        recordedAt,
                        messageId,
                        permit.request(),
                        Outcome.PERMIT,
                        List.of(),
                        Optional.of(permit.basis().reference()),
                        PERMIT_RULE,
                        explanation,
                        Stage.DISPATCH),
                deny -> new AuditEntry(
                        recordedAt,
                        messageId,
                        deny.request(),
                        Outcome.DENY,
                        deny.reasons().stream().map(DenyReason::code).toList(),
                        deny.considered().map(AgreementClause::reference),
                        String.join(
                                ",",
                                deny.reasons().stream().map(DenyReason::rule).toList()),
                        explanation,
                        Stage.DISPATCH));
    }
}
