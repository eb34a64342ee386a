package org.vanguard.routes.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.pseudonym.Pseudonyms;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.redaction.Redactor;
import org.vanguard.routes.review.OverrideReviews;

/**
 * Decides what one recipient may receive from one source about one patient for one purpose: each resource
 * type is a separate decision, each audited, and each permitted type has the release (minimisation, labels)
 * its permit's obligations require. A push (dispatch) and a pull (query) both go through here, so a record
 * leaves the hub the same way whichever direction it is asked for.
 */
public final class RecipientDecisions {

    private final ReleasePlanner releases;
    private final DecisionEngine engine;
    private final OverrideReviews reviews;
    private final Redactor redactor;

    public RecipientDecisions(
            DecisionEngine engine, OverrideReviews reviews, Redactor redactor, Pseudonyms pseudonyms) {
        this.releases = new ReleasePlanner(pseudonyms);
        this.engine = engine;
        this.reviews = reviews;
        this.redactor = redactor;
    }

    /** What a recipient was permitted: the release per resource type, the agreement clauses, the questions asked. */
    public record Permitted(
            Map<String, ReleasePlanner.Release> released, Set<String> agreements, List<DecisionRequest> requests) {

        public boolean nothing() {
            return released.isEmpty();
        }

        /**
         * The resource as this recipient may see it, or empty when its type was not permitted or it is withheld whole;
         * {@code together} are the resources it leaves with (its message, the patient's records), for references to
         * sensitive content and for the patient's names that de-identification scrubs.
         */
        public Optional<Resource> release(
                Resource resource, Redactor redactor, Collection<? extends Resource> together) {
            ReleasePlanner.Release release = released.get(resource.fhirType());
            return release == null ? Optional.empty() : redactor.apply(resource, release.plan(), together);
        }
    }

    /**
     * Decides every type for the recipient, adding one audit entry per decision to {@code audit} (the caller
     * records them together); an emergency override that permitted opens a review.
     */
    public Permitted decide(
            String messageId,
            OdsCode source,
            OdsCode recipient,
            Purpose purpose,
            NhsNumber patient,
            Set<String> types,
            Optional<EmergencyOverride> emergency,
            Instant now,
            List<AuditEntry> audit) {
        List<Decision.Permit> permits = new ArrayList<>();
        for (String type : types) {
            Decision decision =
                    engine.decide(new DecisionRequest(source, recipient, purpose, patient, type, emergency));
            audit.add(AuditEntry.of(messageId, decision, now));
            decision.fold(permits::add, deny -> false);
        }
        Permitted permitted = permittedBy(permits);
        for (Decision.Permit permit : permits) {
            Objects.requireNonNull(permitted.released().get(permit.request().resourceType()))
                    .override()
                    .ifPresent(override -> reviews.open(messageId, permit, override));
        }
        return permitted;
    }

    /**
     * What permits already taken (and audited) allow, without deciding again or opening reviews: a replay's
     * release under today's decisions.
     */
    public Permitted permittedBy(List<Decision.Permit> permits) {
        Map<String, ReleasePlanner.Release> released = new HashMap<>();
        Set<String> agreements = new LinkedHashSet<>();
        List<DecisionRequest> requests = new ArrayList<>();
        for (Decision.Permit permit : permits) {
            released.put(permit.request().resourceType(), releases.planFor(permit));
            agreements.add(permit.basis().reference());
            requests.add(permit.request());
        }
        return new Permitted(released, agreements, requests);
    }

    /**
     * The resource as the recipient may see it under {@code permitted}, one of {@code together} (the message's or the
     * record's resources, whose names of the patient de-identification also scrubs from this one's free text).
     */
    public Optional<Resource> release(Resource resource, Permitted permitted, Collection<? extends Resource> together) {
        return permitted.release(resource, redactor, together);
    }
}
