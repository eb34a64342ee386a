package org.vanguard.routes.intake;

import java.util.List;
import java.util.Optional;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.message.MessageContent;

/**
 * A message's content with its codes checked and turned into governance values. {@code emergency} is
 * present when the message declares ETREAT or BTG and gives a coded reason in {@code MessageHeader.reason}.
 */
public record MessageFacts(
        MessageContent content,
        OdsCode sender,
        NhsNumber patient,
        Purpose purpose,
        List<OdsCode> destinations,
        List<OdsCode> registeredPractices,
        Optional<EmergencyOverride> emergency) {

    public MessageFacts {
        destinations = List.copyOf(destinations);
        registeredPractices = List.copyOf(registeredPractices);
    }
}
