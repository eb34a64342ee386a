package org.vanguard.routes.care;

import java.time.Instant;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.participant.ParticipantKind;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipKind;
import org.vanguard.routes.intake.MessageFacts;

/**
 * Learns relationships from an accepted message before it is decided: the Patient's registered GP practice
 * ({@code Patient.generalPractitioner}), and a care home that sends a resident's record is recorded as
 * caring for them. Only participants of the vanguard are recorded.
 */
public final class RelationshipLearner {

    private final RelationshipRepository relationships;
    private final ParticipantDirectory participants;

    public RelationshipLearner(RelationshipRepository relationships, ParticipantDirectory participants) {
        this.relationships = relationships;
        this.participants = participants;
    }

    public void learnFrom(MessageFacts facts, String hubMessageId, Instant at) {
        for (OdsCode practice : facts.registeredPractices()) {
            if (participants.contains(practice)) {
                relationships.record(new Relationship(
                        facts.patient(),
                        practice,
                        RelationshipKind.REGISTERED_GP,
                        at,
                        Optional.empty(),
                        "Patient.generalPractitioner in message " + hubMessageId));
            }
        }
        Optional<Participant> sender = participants.find(facts.sender());
        if (sender.isPresent()
                && sender.get().kind() == ParticipantKind.CARE_HOME
                && facts.content().resourceTypes().contains("Patient")) {
            relationships.record(new Relationship(
                    facts.patient(),
                    facts.sender(),
                    RelationshipKind.CARE_HOME_RESIDENCY,
                    at,
                    Optional.empty(),
                    "resident's record sent by the care home in message " + hubMessageId));
        }
    }
}
