package org.vanguard.governance.impact;

import java.time.Instant;
import java.util.Objects;
import org.vanguard.governance.decision.DecisionRequest;

/**
 * An exchange the audit recorded: the question that was decided for one message, when, and what came of it then.
 *
 * @param messageId the hub message the decision was about
 * @param decidedAt when it was decided
 * @param request the question (sender, recipient, purpose, patient, resource type, any emergency override)
 * @param recordedOutcome {@code PERMIT} or {@code DENY}, as audited
 */
public record PastDecision(String messageId, Instant decidedAt, DecisionRequest request, String recordedOutcome) {

    public PastDecision {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(recordedOutcome, "recordedOutcome");
    }
}
