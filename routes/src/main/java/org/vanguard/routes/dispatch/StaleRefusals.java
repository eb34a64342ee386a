package org.vanguard.routes.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.message.MessageBundles;
import org.vanguard.routes.intake.MessageFacts;
import org.vanguard.routes.record.StaleRecord;

/**
 * The audit of a message dispatch refused to forward because it carried a stale version of a record: one
 * DENY row per candidate recipient and resource type (so "why did X not receive message M" has an answer
 * like any other), under the rule below, with the versions compared in the explanation. When nobody was
 * a candidate, one row addressed to the sender records the refusal. The sender is told by a notice in its
 * mailbox.
 */
final class StaleRefusals {

    /** The rule name the audit shows; not a governance rule, the hub's ordering guarantee. */
    static final String RULE = "StaleVersionIsNotForwarded";

    private StaleRefusals() {}

    /**
     * One stale record as the sender's notice states it: the refusal in words and the meta element that decided it.
     * Kept with the message's decision ({@link DispatchPlans}), so a redelivered message's notice says what the first
     * one did.
     */
    record Issue(String explanation, String location) {

        static Issue of(StaleRecord record) {
            return new Issue(record.explain(), record.location());
        }
    }

    /** The event a not-forwarded notice is listed under in the sender's mailbox. */
    static final String NOTICE_EVENT = "not-forwarded";

    /**
     * The sender's notice: intake answered "accepted" (the stale version raced past its check), so the refusal
     * reaches the sender as a FHIR response message in its mailbox, an OperationOutcome issue (conflict) per
     * stale record naming the meta element that decided it. Its id derives from the message, so a redelivered
     * dispatch queues it once.
     */
    static Delivery notice(String hubMessageId, MessageFacts facts, List<Issue> stale, Instant now) {
        String noticeId = UUID.nameUUIDFromBytes((NOTICE_EVENT + "|" + hubMessageId).getBytes(StandardCharsets.UTF_8))
                .toString();
        OperationOutcome outcome = new OperationOutcome();
        for (Issue issue : stale) {
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.CONFLICT)
                    .setDiagnostics("Hub message " + hubMessageId + " was accepted but is not forwarded to anyone: "
                            + issue.explanation())
                    .addExpression(issue.location());
        }
        MessageHeader header =
                (MessageHeader) facts.content().bundle().getEntryFirstRep().getResource();
        Bundle bundle = MessageBundles.notice(
                noticeId,
                facts.sender().value(),
                header,
                hubMessageId,
                outcome,
                NOTICE_EVENT + ": hub message " + hubMessageId + " carries a stale version of a record",
                Date.from(now));
        return Delivery.notice(noticeId, hubMessageId, facts.sender(), FhirParsing.toJson(bundle), NOTICE_EVENT);
    }

    static List<AuditEntry> entries(
            String hubMessageId,
            MessageFacts facts,
            List<OdsCode> candidates,
            Set<String> types,
            List<StaleRecord> stale,
            Instant now) {
        String explanation = "Not forwarded: the message carries a stale version of a record the hub holds.\n"
                + String.join("\n", stale.stream().map(StaleRecord::explain).toList());
        List<OdsCode> addressed = candidates.isEmpty() ? List.of(facts.sender()) : candidates;
        List<AuditEntry> entries = new ArrayList<>();
        for (OdsCode recipient : addressed) {
            for (String type : types) {
                DecisionRequest request = new DecisionRequest(
                        facts.sender(), recipient, facts.purpose(), facts.patient(), type, facts.emergency());
                entries.add(new AuditEntry(
                        now,
                        hubMessageId,
                        request,
                        AuditEntry.Outcome.DENY,
                        List.of(),
                        Optional.empty(),
                        RULE,
                        explanation,
                        AuditEntry.Stage.DISPATCH));
            }
        }
        return entries;
    }
}
