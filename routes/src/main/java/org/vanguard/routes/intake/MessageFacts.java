package org.vanguard.routes.intake;

import java.util.List;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.message.MessageContent;

/** A message's content with its codes checked and turned into governance values. */
public record MessageFacts(
        MessageContent content,
        OdsCode sender,
        NhsNumber patient,
        Purpose purpose,
        List<OdsCode> destinations,
        List<OdsCode> registeredPractices) {

    public MessageFacts {
        destinations = List.copyOf(destinations);
        registeredPractices = List.copyOf(registeredPractices);
    }
}
