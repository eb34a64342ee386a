package org.vanguard.routes.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.intake.MessageFacts;
import org.vanguard.routes.record.StaleRecord;

/**
 * The audit of a message dispatch refused to forward because it carried a stale version of a record: one
 * DENY row per candidate recipient and resource type (so "why did X not receive message M" has an answer
 * like any other), under the rule below, with the versions compared in the explanation. When nobody was
 * a candidate, one row addressed to the sender records the refusal.
 */
final class StaleRefusals {

    /** The rule name the audit shows; not a governance rule, the hub's ordering guarantee. */
    static final String RULE = "StaleVersionIsNotForwarded";

    private StaleRefusals() {
    }

    static List<AuditEntry> entries(String hubMessageId, MessageFacts facts, List<OdsCode> candidates, Set<String> types,
            List<StaleRecord> stale, Instant now) {
        String explanation = "Not forwarded: the message carries a stale version of a record the hub holds.\n"
                + String.join("\n", stale.stream().map(StaleRecord::explain).toList());
        List<OdsCode> addressed = candidates.isEmpty() ? List.of(facts.sender()) : candidates;
        List<AuditEntry> entries = new ArrayList<>();
        for (OdsCode recipient : addressed) {
            for (String type : types) {
                DecisionRequest request = new DecisionRequest(facts.sender(), recipient, facts.purpose(), facts.patient(),
                        type, facts.emergency());
                entries.add(new AuditEntry(now, hubMessageId, request, AuditEntry.Outcome.DENY, List.of(),
                        Optional.empty(), RULE, explanation, AuditEntry.Stage.DISPATCH));
            }
        }
        return entries;
    }
}
