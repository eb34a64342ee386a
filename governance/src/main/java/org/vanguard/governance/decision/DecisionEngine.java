package org.vanguard.governance.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementClause;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.consent.ConsentStore;
import org.vanguard.governance.objection.ObjectionStore;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.relationship.RelationshipStore;

/**
 * Decides one request by the order of DOMAIN.md ("The decision, in order"), combining rules deny-overrides:
 * every rule is asked, any rule that denies wins and its reason is kept with all the others, and without an
 * agreement clause in force nothing is permitted even if no rule spoke. Only once nothing denies do the
 * obligation rules say what must be done to the data before it leaves (minimise, withhold, label).
 */
public final class DecisionEngine {

    private static final ConsentStore NO_CONSENTS = patient -> Optional.empty();
    private static final ObjectionStore NO_OBJECTIONS = patient -> List.of();
    private static final RelationshipStore NO_RELATIONSHIPS = patient -> List.of();

    private final AgreementStore agreements;
    private final ParticipantDirectory participants;
    private final List<DecisionRule> rules;
    private final List<String> didNotDeny;
    private final List<ObligationRule> obligationRules;
    private final ConsentStore consents;
    private final ObjectionStore objections;
    private final RelationshipStore relationships;
    private final Clock clock;

    public DecisionEngine(
            AgreementStore agreements,
            ParticipantDirectory participants,
            List<DecisionRule> rules,
            List<ObligationRule> obligationRules,
            ConsentStore consents,
            ObjectionStore objections,
            RelationshipStore relationships,
            Clock clock) {
        this.agreements = Objects.requireNonNull(agreements, "agreements");
        this.participants = Objects.requireNonNull(participants, "participants");
        this.rules = List.copyOf(rules);
        this.didNotDeny = this.rules.stream()
                .map(rule -> "Rule " + rule.name() + " did not deny.")
                .toList();
        this.obligationRules = List.copyOf(obligationRules);
        this.consents = Objects.requireNonNull(consents, "consents");
        this.objections = Objects.requireNonNull(objections, "objections");
        this.relationships = Objects.requireNonNull(relationships, "relationships");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An engine with the given rules, no obligation rules, and no Consents, objections or relationships. */
    public DecisionEngine(
            AgreementStore agreements, ParticipantDirectory participants, List<DecisionRule> rules, Clock clock) {
        this(agreements, participants, rules, List.of(), NO_CONSENTS, NO_OBJECTIONS, NO_RELATIONSHIPS, clock);
    }

    /**
     * The engine with the rules the hub enforces, in the order DOMAIN.md gives: agreement (step 3), direct
     * care (4: relationship, objection, Consent, emergency override), secondary use (5: explicit consent,
     * National Data Opt-out, Type 1), then minimisation and labels (6, 7) as obligations of a permit.
     */
    public static DecisionEngine standard(
            AgreementStore agreements,
            ParticipantDirectory participants,
            ConsentStore consents,
            ObjectionStore objections,
            RelationshipStore relationships,
            Clock clock) {
        return new DecisionEngine(
                agreements,
                participants,
                List.of(
                        new NoActiveAgreementDenies(),
                        new DirectCareNeedsALegitimateRelationship(),
                        new PatientObjectionDeniesDirectCare(),
                        new DenyingConsentDenies(),
                        new ExplicitConsentGatewayNeedsAPermittingConsent(),
                        new NationalDataOptOutAppliesToSecondaryUseUnderS251(),
                        new TypeOneObjectionWithholdsGpDataFromSecondaryUse()),
                List.of(
                        new KeepOnlyTheAgreedElements(),
                        new SensitiveItemsNeedAgreementAndConsent(),
                        new RestrictedPatientsLoseContactDetails(),
                        new DeidentifyAsTheAgreementRequires(),
                        new LabelWhatLeaves()),
                consents,
                objections,
                relationships,
                clock);
    }

    /**
     * The standard engine with no Consents, objections or relationships recorded. Direct care then has no
     * legitimate relationship to rest on and is denied; use the six-argument factory wherever patients are known.
     */
    public static DecisionEngine standard(AgreementStore agreements, ParticipantDirectory participants, Clock clock) {
        return standard(agreements, participants, NO_CONSENTS, NO_OBJECTIONS, NO_RELATIONSHIPS, clock);
    }

    public Decision decide(DecisionRequest request) {
        List<DenyReason> reasons = new ArrayList<>(4);
        if (!participants.contains(request.sender())) {
            reasons.add(unknown(request.sender().value(), "sender"));
        }
        if (!participants.contains(request.recipient())) {
            reasons.add(unknown(request.recipient().value(), "recipient"));
        }
        if (!reasons.isEmpty()) {
            return deny(request, reasons, Optional.empty(), List.of());
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        AgreementCatalogue catalogue = agreements.current();
        List<AgreementCatalogue.Candidate> naming =
                catalogue.clausesFor(request.sender(), request.recipient(), request.resourceType(), request.purpose());
        Optional<AgreementCatalogue.Candidate> inForce = Optional.empty();
        for (int i = 0; i < naming.size(); i++) {
            if (naming.get(i).agreement().isInForceOn(today)) {
                inForce = Optional.of(naming.get(i));
                break;
            }
        }
        DecisionContext context = new DecisionContext(
                request, now, today, naming, inForce, participants, consents, objections, relationships);
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).evaluate(context).ifPresent(reasons::add);
        }
        if (!reasons.isEmpty() || inForce.isEmpty()) {
            if (reasons.isEmpty()) {
                reasons.add(new DenyReason(
                        ReasonCode.NO_AGREEMENT, "DenyByDefault", "Nothing permits " + request.describe() + "."));
            }
            Optional<AgreementCatalogue.Candidate> considered =
                    inForce.isPresent() || naming.isEmpty() ? inForce : Optional.of(naming.get(0));
            return deny(request, reasons, considered.map(AgreementCatalogue.Candidate::clause), context.notes());
        }
        int ruleNotes = context.notes().size();
        if (context.wasOverrideUsed()
                || (request.purpose() == Purpose.BTG
                        && context.emergencyOverride().isPresent())) {
            EmergencyOverride override = context.emergencyOverride().orElseThrow();
            context.oblige(
                    new Obligation.ReviewOverride(override),
                    "Review: the use of " + Overrides.describe(override)
                            + " is alerted and queued for IG officers' review.");
        }
        for (int i = 0; i < obligationRules.size(); i++) {
            obligationRules.get(i).apply(context);
        }
        return permit(request, inForce.get(), context, ruleNotes, today);
    }

    private Decision permit(
            DecisionRequest request,
            AgreementCatalogue.Candidate clause,
            DecisionContext context,
            int ruleNotes,
            LocalDate today) {
        List<String> notes = context.notes();
        List<String> explanation = new ArrayList<>(3 + notes.size() + didNotDeny.size());
        explanation.add("Permitted: " + request.describe() + ".");
        explanation.add("Agreement " + clause.clause().reference() + " (\""
                + clause.agreement().title() + "\") is active and in force on " + today + " ("
                + clause.agreement().effective() + ").");
        context.purposeTerms()
                .ifPresent(terms -> explanation.add("Legal basis for "
                        + request.purpose().code() + ": " + terms.article6() + "; " + terms.article9()
                        + "; common-law gateway " + terms.gateway().label() + "."));
        explanation.addAll(notes.subList(0, ruleNotes));
        explanation.addAll(didNotDeny);
        explanation.addAll(notes.subList(ruleNotes, notes.size()));
        return new Decision.Permit(request, clause.clause(), context.obligations(), explanation);
    }

    private static DenyReason unknown(String ods, String role) {
        return new DenyReason(
                ReasonCode.UNKNOWN_PARTICIPANT,
                "OnlyParticipantsTakePart",
                "The " + role + " " + ods + " is not a participant of this vanguard.");
    }

    private static Decision deny(
            DecisionRequest request,
            List<DenyReason> reasons,
            Optional<AgreementClause> considered,
            List<String> notes) {
        List<String> explanation = new ArrayList<>(2 + reasons.size() + notes.size());
        explanation.add("Denied: " + request.describe() + ".");
        considered.ifPresent(clause -> explanation.add("Decided under agreement " + clause.reference() + "."));
        for (DenyReason reason : reasons) {
            explanation.add(reason.code() + " (rule " + reason.rule() + "): " + reason.text());
        }
        explanation.addAll(notes);
        return new Decision.Deny(request, reasons, considered, explanation);
    }
}
