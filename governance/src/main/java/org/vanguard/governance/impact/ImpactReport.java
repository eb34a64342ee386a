package org.vanguard.governance.impact;

import java.time.Instant;
import java.util.List;

/**
 * What an agreement change would alter, as an IG officer reads it before approving, suspending or terminating.
 * Patients appear only as pseudonyms that hold within this report (keyed with a secret made for the report and then
 * dropped), so the report can be attached to an approval request without disclosing who the patients are.
 *
 * @param agreementId the agreement the change is about
 * @param change the change in words
 * @param from start of the window of audited decisions decided again
 * @param to end of the window (the moment of the assessment)
 * @param reassessed how many distinct audited exchanges were decided again
 * @param changed how many of them would be decided differently
 * @param windowTruncated true when the window held more decisions than the assessment reads, so counts are a lower bound
 * @param flows the changed decisions, counted per flow, purpose and outcome before and after
 * @param sample a few changed decisions, newest first
 */
public record ImpactReport(
        String agreementId,
        String change,
        Instant from,
        Instant to,
        int reassessed,
        int changed,
        boolean windowTruncated,
        List<FlowImpact> flows,
        List<AffectedMessage> sample) {

    public ImpactReport {
        flows = List.copyOf(flows);
        sample = List.copyOf(sample);
    }

    /**
     * Decisions of one flow and purpose that would move from one outcome to another.
     *
     * @param before the outcome today without the change, e.g. {@code PERMIT under ISA-X v1 flows[0]}
     * @param after the outcome with the change, e.g. {@code DENY (NO_AGREEMENT)}
     */
    public record FlowImpact(
            String sender,
            String recipient,
            String resourceType,
            String purpose,
            String before,
            String after,
            int count) {}

    /** One message the change would treat differently, its patient pseudonymised. */
    public record AffectedMessage(
            String messageId,
            Instant decidedAt,
            String sender,
            String recipient,
            String resourceType,
            String purpose,
            String patient,
            String recordedOutcome,
            String before,
            String after,
            String why) {}
}
