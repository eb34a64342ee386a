package org.vanguard.governance.decision;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.participant.ParticipantDirectory;

/**
 * Decides one request by the order of DOMAIN.md, combining rules deny-overrides: any rule that denies
 * wins, and without an agreement clause in force nothing is permitted even if no rule spoke.
 */
public final class DecisionEngine {

    private final AgreementStore agreements;
    private final ParticipantDirectory participants;
    private final List<DecisionRule> rules;
    private final Clock clock;

    public DecisionEngine(AgreementStore agreements, ParticipantDirectory participants, List<DecisionRule> rules, Clock clock) {
        this.agreements = Objects.requireNonNull(agreements, "agreements");
        this.participants = Objects.requireNonNull(participants, "participants");
        this.rules = List.copyOf(rules);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The engine with the rules the hub enforces today, in the order DOMAIN.md gives. */
    public static DecisionEngine standard(AgreementStore agreements, ParticipantDirectory participants, Clock clock) {
        return new DecisionEngine(agreements, participants, List.of(new NoActiveAgreementDenies()), clock);
    }

    public Decision decide(DecisionRequest request) {
        List<DenyReason> reasons = new ArrayList<>();
        if (!participants.contains(request.sender())) {
            reasons.add(unknown(request.sender().value(), "sender"));
        }
        if (!participants.contains(request.recipient())) {
            reasons.add(unknown(request.recipient().value(), "recipient"));
        }
        if (!reasons.isEmpty()) {
            return deny(request, reasons);
        }
        LocalDate today = LocalDate.now(clock);
        AgreementCatalogue catalogue = agreements.current();
        DecisionContext context = new DecisionContext(
                request,
                today,
                catalogue.clausesFor(request.sender(), request.recipient(), request.resourceType(), request.purpose()),
                catalogue.clauseInForce(request.sender(), request.recipient(), request.resourceType(), request.purpose(), today));
        for (DecisionRule rule : rules) {
            rule.evaluate(context).ifPresent(reasons::add);
        }
        Optional<AgreementCatalogue.Candidate> basis = context.clauseInForce();
        if (!reasons.isEmpty() || basis.isEmpty()) {
            if (reasons.isEmpty()) {
                reasons.add(new DenyReason(ReasonCode.NO_AGREEMENT, "DenyByDefault",
                        "Nothing permits " + request.describe() + "."));
            }
            return deny(request, reasons);
        }
        AgreementCatalogue.Candidate clause = basis.get();
        List<String> explanation = new ArrayList<>();
        explanation.add("Permitted: " + request.describe() + ".");
        explanation.add("Agreement " + clause.clause().reference() + " (\"" + clause.agreement().title()
                + "\") is active and in force on " + today + " (" + clause.agreement().effective() + ").");
        clause.agreement().termsFor(request.purpose()).ifPresent(terms -> explanation.add(
                "Legal basis for " + request.purpose().code() + ": " + terms.article6() + "; " + terms.article9()
                        + "; common-law gateway " + terms.gateway().label() + "."));
        for (DecisionRule rule : rules) {
            explanation.add("Rule " + rule.name() + " did not deny.");
        }
        return new Decision.Permit(request, clause.clause(), explanation);
    }

    private static DenyReason unknown(String ods, String role) {
        return new DenyReason(ReasonCode.UNKNOWN_PARTICIPANT, "OnlyParticipantsTakePart",
                "The " + role + " " + ods + " is not a participant of this vanguard.");
    }

    private static Decision deny(DecisionRequest request, List<DenyReason> reasons) {
        List<String> explanation = new ArrayList<>();
        explanation.add("Denied: " + request.describe() + ".");
        for (DenyReason reason : reasons) {
            explanation.add(reason.code() + " (rule " + reason.rule() + "): " + reason.text());
        }
        return new Decision.Deny(request, reasons, explanation);
    }
}
