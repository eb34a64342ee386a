package org.vanguard.routes.dispatch;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.routes.intake.MessageFacts;

/**
 * The candidate recipients of a message: its explicit destinations and the patient's registered GP
 * practice. Candidates are only candidates: each is decided separately. The sender never receives its own message.
 */
public final class RecipientResolver {

    public List<OdsCode> candidates(MessageFacts facts) {
        Set<OdsCode> recipients = new LinkedHashSet<>(facts.destinations());
        recipients.addAll(facts.registeredPractices());
        recipients.remove(facts.sender());
        return List.copyOf(recipients);
    }
}
