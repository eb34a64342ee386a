package org.vanguard.routes.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.message.MessageBundles;
import org.vanguard.profiles.redaction.Redactor;
import org.vanguard.routes.care.RelationshipLearner;
import org.vanguard.routes.intake.MessageFacts;
import org.vanguard.routes.intake.MessageFactsReader;
import org.vanguard.routes.review.OverrideReviews;

/**
 * Decides one accepted message: every candidate recipient and every resource type in the message is a
 * separate decision, each audited, permit and deny alike. A recipient receives only the resource types it
 * was permitted, each minimised and labelled as its permit's obligations require; a recipient permitted
 * nothing receives nothing. Relationships the message shows (registered GP, care-home residency) are
 * learnt before deciding; an emergency override opens a review.
 */
public final class DispatchPlanner {

    private final MessageFactsReader reader = new MessageFactsReader();
    private final RecipientResolver recipients = new RecipientResolver();
    private final ReleasePlanner releases = new ReleasePlanner();
    private final DecisionEngine engine;
    private final AuditLog audit;
    private final RelationshipLearner learner;
    private final OverrideReviews reviews;
    private final Redactor redactor;
    private final Clock clock;

    public DispatchPlanner(DecisionEngine engine, AuditLog audit, RelationshipLearner learner, OverrideReviews reviews,
            Redactor redactor, Clock clock) {
        this.engine = engine;
        this.audit = audit;
        this.learner = learner;
        this.reviews = reviews;
        this.redactor = redactor;
        this.clock = clock;
    }

    public List<Delivery> plan(String bundleJson, String hubMessageId) {
        MessageFacts facts = reader.read(FhirParsing.fromTrustedJson(Bundle.class, bundleJson));
        Instant now = clock.instant();
        learner.learnFrom(facts, hubMessageId, now);
        List<AuditEntry> entries = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        Set<String> types = new TreeSet<>(facts.content().resourceTypes());
        for (OdsCode recipient : recipients.candidates(facts)) {
            Map<String, ReleasePlanner.Release> released = new HashMap<>();
            Set<String> agreements = new LinkedHashSet<>();
            List<DecisionRequest> permitted = new ArrayList<>();
            for (String type : types) {
                DecisionRequest request = new DecisionRequest(facts.sender(), recipient, facts.purpose(),
                        facts.patient(), type, facts.emergency());
                Decision decision = engine.decide(request);
                entries.add(AuditEntry.of(hubMessageId, decision, now));
                decision.fold(permit -> {
                    permitted.add(request);
                    ReleasePlanner.Release release = releases.planFor(permit);
                    released.put(type, release);
                    agreements.add(permit.basis().reference());
                    release.override().ifPresent(override -> reviews.open(hubMessageId, permit, override));
                    return permit;
                }, deny -> deny);
            }
            if (released.isEmpty()) {
                continue;
            }
            Bundle delivery = MessageBundles.deliveryFor(facts.content().bundle(), hubMessageId, recipient.value(),
                    resource -> release(resource, released.get(resource.fhirType())));
            if (delivery.getEntry().size() > 1) {
                deliveries.add(new Delivery(deliveryId(hubMessageId, recipient), hubMessageId, recipient,
                        FhirParsing.toJson(delivery), List.copyOf(agreements), permitted));
            }
        }
        audit.record(entries);
        return deliveries;
    }

    private Optional<Resource> release(Resource resource, ReleasePlanner.Release release) {
        return release == null ? Optional.empty() : redactor.apply(resource, release.plan());
    }

    /** A delivery's id: the same message to the same recipient is always the same delivery. */
    public static String deliveryId(String hubMessageId, OdsCode recipient) {
        return UUID.nameUUIDFromBytes((hubMessageId + "|" + recipient.value()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
