package org.vanguard.governance.decision;

import java.util.List;
import java.util.Optional;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantKind;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipKind;

/**
 * Direct care is shared only with a recipient caring for the patient now: registered GP, care-home residency,
 * admission, referral or, for a multidisciplinary team, the team's caseload (DOMAIN.md step 4; the National
 * Data Guardian's "legitimate relationship" underpinning implied consent for individual care). An agreement
 * lets organisations share; a relationship says this recipient is caring for this patient. A care team's
 * host does not inherit the team's caseload: the host's other services are not caring for those patients.
 */
public final class DirectCareNeedsALegitimateRelationship implements DecisionRule {

    @Override
    public Optional<DenyReason> evaluate(DecisionContext context) {
        DecisionRequest request = context.request();
        if (!request.purpose().isDirectCare()) {
            return Optional.empty();
        }
        Participant recipient = context.recipient();
        boolean careTeam = recipient.kind() == ParticipantKind.CARE_TEAM;
        List<Relationship> relationships = context.relationships();
        for (int i = 0; i < relationships.size(); i++) {
            Relationship relationship = relationships.get(i);
            if (relationship.participant().equals(request.recipient())
                    && (!careTeam || relationship.kind() == RelationshipKind.MDT_CASELOAD)
                    && relationship.isInForceAt(context.now())) {
                context.note("Legitimate relationship: " + request.recipient() + " has "
                        + relationship.kind().label()
                        + " with patient " + request.patient() + " since " + Days.of(relationship.since())
                        + " (source: " + relationship.source() + ").");
                return Optional.empty();
            }
        }
        return Optional.of(new DenyReason(
                ReasonCode.NO_RELATIONSHIP,
                name(),
                request.recipient()
                        + " has no legitimate relationship in force with patient " + request.patient()
                        + (careTeam ? " (for a care team, the patient must be on its MDT caseload)" : "")
                        + ", and direct care is shared only with those caring for the patient" + hostNote(context)
                        + "."));
    }

    /** Says so when the recipient hosts a team whose caseload holds the patient, a common misunderstanding. */
    private static String hostNote(DecisionContext context) {
        for (Relationship relationship : context.relationships()) {
            if (relationship.kind() == RelationshipKind.MDT_CASELOAD && relationship.isInForceAt(context.now())) {
                Optional<Participant> team = context.participants().find(relationship.participant());
                if (team.isPresent()
                        && team.get()
                                .hostedBy()
                                .filter(context.request().recipient()::equals)
                                .isPresent()) {
                    return "; it hosts " + team.get().ods() + ", whose caseload the patient is on, but a host does not"
                            + " inherit its team's caseload";
                }
            }
        }
        return "";
    }
}
