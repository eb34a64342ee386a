package org.vanguard.governance.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.PurposeTerms;
import org.vanguard.governance.consent.ConsentEvaluation;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.governance.consent.ConsentStore;
import org.vanguard.governance.consent.ConsentVerdict;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionStore;
import org.vanguard.governance.objection.ObjectionType;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipStore;

/**
 * What a rule may look at while one request is decided: the request, the instant and day it is decided on
 * (from the injected clock, never the system's), the agreement clauses naming the exchange and the one in
 * force, the participants, and the patient's Consent, objections and relationships, each looked up once
 * and only if a rule asks. Rules also leave here what a permit must carry: sentences for the explanation,
 * obligations, and whether an emergency override was used. One context serves one decision, on one thread.
 */
public final class DecisionContext {

    private final DecisionRequest request;
    private final Instant now;
    private final LocalDate today;
    private final List<AgreementCatalogue.Candidate> clausesNamingExchange;
    private final Optional<AgreementCatalogue.Candidate> clauseInForce;
    private final ParticipantDirectory participants;
    private final ConsentStore consents;
    private final ObjectionStore objections;
    private final RelationshipStore relationships;

    // Read from the stores on first use, once per decision: most decisions stop before needing them.
    private @Nullable Optional<ConsentRecord> consentRecord;
    private @Nullable ConsentVerdict consent;
    private @Nullable List<Objection> patientObjections;
    private @Nullable List<Relationship> patientRelationships;
    private final List<String> notes = new ArrayList<>(8);
    private final List<Obligation> obligations = new ArrayList<>(8);
    private boolean overrideUsed;

    public DecisionContext(
            DecisionRequest request,
            Instant now,
            LocalDate today,
            List<AgreementCatalogue.Candidate> clausesNamingExchange,
            Optional<AgreementCatalogue.Candidate> clauseInForce,
            ParticipantDirectory participants,
            ConsentStore consents,
            ObjectionStore objections,
            RelationshipStore relationships) {
        this.request = Objects.requireNonNull(request, "request");
        this.now = Objects.requireNonNull(now, "now");
        this.today = Objects.requireNonNull(today, "today");
        this.clausesNamingExchange = Objects.requireNonNull(clausesNamingExchange, "clausesNamingExchange");
        this.clauseInForce = Objects.requireNonNull(clauseInForce, "clauseInForce");
        this.participants = Objects.requireNonNull(participants, "participants");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.objections = Objects.requireNonNull(objections, "objections");
        this.relationships = Objects.requireNonNull(relationships, "relationships");
    }

    public DecisionRequest request() {
        return request;
    }

    public Purpose purpose() {
        return request.purpose();
    }

    /** The instant the decision is taken, for Consent periods and relationships. */
    public Instant now() {
        return now;
    }

    /** The day the decision is taken in the clock's zone, for agreement dates. */
    public LocalDate today() {
        return today;
    }

    public List<AgreementCatalogue.Candidate> clausesNamingExchange() {
        return clausesNamingExchange;
    }

    public Optional<AgreementCatalogue.Candidate> clauseInForce() {
        return clauseInForce;
    }

    /** The agreement in force for the exchange, if any. */
    public Optional<Agreement> agreement() {
        return clauseInForce.isPresent() ? Optional.of(clauseInForce.get().agreement()) : Optional.empty();
    }

    /** The purpose's terms (legal bases, gateway) in the agreement in force, if any. */
    public Optional<PurposeTerms> purposeTerms() {
        return clauseInForce.isPresent()
                ? clauseInForce.get().agreement().termsFor(request.purpose())
                : Optional.empty();
    }

    /** The agreement clause in force, as an IG officer cites it, or a placeholder when there is none. */
    public String clauseReference() {
        return clauseInForce.isPresent() ? clauseInForce.get().clause().reference() : "(no agreement in force)";
    }

    public ParticipantDirectory participants() {
        return participants;
    }

    /** The sender; the engine decides only between known participants. */
    public Participant sender() {
        return participants.find(request.sender()).orElseThrow();
    }

    /** The recipient; the engine decides only between known participants. */
    public Participant recipient() {
        return participants.find(request.recipient()).orElseThrow();
    }

    /** The patient's current Consent record, whatever its state. */
    public Optional<ConsentRecord> consentRecord() {
        if (consentRecord == null) {
            consentRecord = Objects.requireNonNull(consents.current(request.patient()), "ConsentStore.current");
        }
        return consentRecord;
    }

    /** What the current Consent says about the recipient receiving this resource type for this purpose now. */
    public ConsentVerdict consent() {
        if (consent == null) {
            consent = ConsentEvaluation.evaluate(
                    consentRecord(), request.recipient(), request.purpose(), request.resourceType(), now);
        }
        return consent;
    }

    /** The patient's standing objection of the given type, if they hold one. */
    public Optional<Objection> objection(ObjectionType type) {
        if (patientObjections == null) {
            patientObjections =
                    Objects.requireNonNull(objections.objectionsOf(request.patient()), "ObjectionStore.objectionsOf");
        }
        for (int i = 0; i < patientObjections.size(); i++) {
            Objection objection = patientObjections.get(i);
            if (objection.type() == type) {
                return Optional.of(objection);
            }
        }
        return Optional.empty();
    }

    /** Every relationship recorded for the patient, in force or not. */
    public List<Relationship> relationships() {
        if (patientRelationships == null) {
            patientRelationships = Objects.requireNonNull(
                    relationships.relationshipsOf(request.patient()), "RelationshipStore.relationshipsOf");
        }
        return patientRelationships;
    }

    /**
     * The emergency override that may set a patient's objection aside: only for emergency care or break-glass
     * (ETREAT, BTG), and only when the requester gave one (which always carries a coded reason).
     */
    public Optional<EmergencyOverride> emergencyOverride() {
        Purpose purpose = request.purpose();
        return purpose == Purpose.ETREAT || purpose == Purpose.BTG ? request.emergency() : Optional.empty();
    }

    /** Adds a sentence to the explanation. */
    public void note(String sentence) {
        notes.add(sentence);
    }

    /** Records that an emergency override set an objection aside, with the sentence saying which and why. */
    public void overrideUsed(String sentence) {
        overrideUsed = true;
        notes.add(sentence);
    }

    /** Adds an obligation a permit must carry, with the sentence saying why. */
    public void oblige(Obligation obligation, String sentence) {
        obligations.add(obligation);
        notes.add(sentence);
    }

    List<String> notes() {
        return notes;
    }

    List<Obligation> obligations() {
        return obligations;
    }

    boolean wasOverrideUsed() {
        return overrideUsed;
    }
}
