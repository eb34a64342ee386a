package org.vanguard.routes.dispatch;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.care.CareTeamRepository;
import org.vanguard.routes.care.SubscriptionRepository;
import org.vanguard.routes.intake.MessageFacts;

/**
 * The candidate recipients of a message: its explicit destinations, the patient's registered GP practice,
 * the member organisations of each care team a CarePlan names in {@code CarePlan.careTeam} (a team the hub
 * holds for this patient), and the participants with a standing subscription to the event for this patient.
 * Candidates are only candidates: each is decided separately. The sender never receives its own message.
 */
public final class RecipientResolver {

    private final CareTeamRepository careTeams;
    private final SubscriptionRepository subscriptions;

    public RecipientResolver(CareTeamRepository careTeams, SubscriptionRepository subscriptions) {
        this.careTeams = careTeams;
        this.subscriptions = subscriptions;
    }

    public List<OdsCode> candidates(MessageFacts facts) {
        Set<OdsCode> recipients = new LinkedHashSet<>(facts.destinations());
        recipients.addAll(facts.registeredPractices());
        for (String team : careTeamIds(facts.content().bundle())) {
            recipients.addAll(careTeams.membersFor(team, facts.patient()));
        }
        recipients.addAll(subscriptions.subscribersFor(facts.content().event().code(), facts.patient()));
        recipients.remove(facts.sender());
        return List.copyOf(recipients);
    }

    /** The logical ids of the CareTeams the message's CarePlans reference ({@code CareTeam/id}, relative or absolute). */
    static Set<String> careTeamIds(Bundle bundle) {
        Set<String> ids = new LinkedHashSet<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof CarePlan carePlan) {
                for (Reference reference : carePlan.getCareTeam()) {
                    careTeamId(reference).ifPresent(ids::add);
                }
            }
        }
        return ids;
    }

    private static Optional<String> careTeamId(Reference reference) {
        if (!reference.hasReference()) {
            return Optional.empty();
        }
        var id = reference.getReferenceElement();
        if (!"CareTeam".equals(id.getResourceType()) || !id.hasIdPart()) {
            return Optional.empty();
        }
        return Optional.of(id.getIdPart());
    }
}
