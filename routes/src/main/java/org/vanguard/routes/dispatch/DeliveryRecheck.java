package org.vanguard.routes.dispatch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;

/**
 * Decides a waiting delivery again when its recipient collects it: a Consent withdrawn, an objection
 * recorded or an agreement suspended after dispatch takes effect for everything not yet delivered. If any
 * resource type it carries is no longer permitted the whole delivery is withheld; every re-decision is audited.
 */
public final class DeliveryRecheck {

    private final DecisionEngine engine;
    private final AuditLog audit;
    private final Clock clock;

    public DeliveryRecheck(DecisionEngine engine, AuditLog audit, Clock clock) {
        this.engine = engine;
        this.audit = audit;
        this.clock = clock;
    }

    /** True when the delivery may still leave; false when it must be withheld (and the denials are audited). */
    public boolean stillPermitted(String hubMessageId, List<DecisionRequest> decided) {
        return stillPermitted(hubMessageId, decided, "when the recipient came to collect the delivery");
    }

    /**
     * As {@link #stillPermitted(String, List)}, saying in the audit when the re-decision was taken (before a
     * push, on a replay), so an IG officer reading it knows which step withheld the delivery.
     */
    public boolean stillPermitted(String hubMessageId, List<DecisionRequest> decided, String occasion) {
        return stillPermitted(hubMessageId, decided, occasion, () -> true);
    }

    /**
     * As {@link #stillPermitted(String, List, String)} where withholding is a step that can fail (taking the
     * delivery out of a queue while a consumer holds it): the denials are audited only when {@code withhold}
     * succeeded, so the audit never says "withheld" about a delivery that left anyway.
     */
    public boolean stillPermitted(
            String hubMessageId,
            List<DecisionRequest> decided,
            String occasion,
            java.util.function.BooleanSupplier withhold) {
        List<Decision> denials = new ArrayList<>();
        decideAll(decided, new ArrayList<>(), denials);
        if (denials.isEmpty()) {
            return true;
        }
        if (withhold.getAsBoolean()) {
            auditWithheld(hubMessageId, denials, occasion);
        }
        return false;
    }

    /**
     * Decides a delivery's questions again before it is sent anew (a replay): the permits, when every question
     * is permitted today, or empty when any is denied (the denials audited). The permits are not audited here:
     * the caller records them with {@link #auditReleased} once it knows something in the delivery may leave.
     */
    public Optional<List<Decision.Permit>> permitsToday(
            String hubMessageId, List<DecisionRequest> decided, String occasion) {
        List<Decision.Permit> permits = new ArrayList<>();
        List<Decision> denials = new ArrayList<>();
        decideAll(decided, permits, denials);
        if (!denials.isEmpty()) {
            auditWithheld(hubMessageId, denials, occasion);
            return Optional.empty();
        }
        return Optional.of(List.copyOf(permits));
    }

    /**
     * Audits the permits a delivery was sent anew under: a disclosure of its own, under today's agreements and
     * obligations, recorded once per {@code occasionId} (each replay job is one).
     */
    public void auditReleased(String hubMessageId, List<Decision.Permit> permits, String occasionId, String occasion) {
        audit.record(permits.stream()
                .map(permit -> AuditEntry.of(hubMessageId, permit, clock.instant())
                        .atCollection(occasionId, "Decided again " + occasion + ": released under today's agreement."))
                .toList());
    }

    private void decideAll(List<DecisionRequest> decided, List<Decision.Permit> permits, List<Decision> denials) {
        for (DecisionRequest request : decided) {
            engine.decide(request).fold(permit -> permits.add(permit), deny -> denials.add(deny));
        }
    }

    private void auditWithheld(String hubMessageId, List<Decision> denials, String occasion) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Decision denial : denials) {
            entries.add(AuditEntry.of(hubMessageId, denial, clock.instant())
                    .atCollection("Re-checked " + occasion + ": it is withheld."));
        }
        audit.record(entries);
    }
}
