package org.vanguard.routes.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.message.MessageContent;
import org.vanguard.profiles.message.MessageReader;
import org.vanguard.routes.intake.DemoMessage;
import org.vanguard.routes.intake.MessageFacts;
import org.vanguard.routes.intake.MessageFactsReader;

class RecipientResolverTests {

    private static final OdsCode CARE_HOME = OdsCode.of("CH001");
    private static final OdsCode GP = OdsCode.of("G81001");
    private static final OdsCode ACUTE = OdsCode.of("RAC");
    private static final OdsCode MDT = OdsCode.of("MDT01");

    private final RecipientResolver resolver = new RecipientResolver();

    @Test
    @DisplayName("the demo message goes to its destinations and to the patient's registered GP")
    void destinationsPlusGp() {
        MessageFacts facts = new MessageFactsReader().read(DemoMessage.bundle());

        assertThat(resolver.candidates(facts)).containsExactly(ACUTE, MDT, GP);
    }

    @Test
    @DisplayName("a GP that is also a destination is a candidate once")
    void noDuplicates() {
        MessageFacts facts = facts(CARE_HOME, List.of(GP, ACUTE), List.of(GP));

        assertThat(resolver.candidates(facts)).containsExactly(GP, ACUTE);
    }

    @Test
    @DisplayName("the sender never receives its own message, even as a destination")
    void neverTheSender() {
        MessageFacts facts = facts(CARE_HOME, List.of(CARE_HOME, ACUTE), List.of(GP));

        assertThat(resolver.candidates(facts)).containsExactly(ACUTE, GP).doesNotContain(CARE_HOME);
    }

    @Test
    @DisplayName("a GP practice sending about its own patient does not receive its own message back")
    void gpSenderIsNotItsOwnRecipient() {
        MessageFacts facts = facts(GP, List.of(MDT), List.of(GP));

        assertThat(resolver.candidates(facts)).containsExactly(MDT);
    }

    @Test
    @DisplayName("a message with no destinations still reaches the registered GP")
    void gpWithoutDestinations() {
        assertThat(resolver.candidates(facts(CARE_HOME, List.of(), List.of(GP)))).containsExactly(GP);
    }

    @Test
    @DisplayName("a message with no destinations and no GP has no candidates")
    void noCandidates() {
        assertThat(resolver.candidates(facts(CARE_HOME, List.of(), List.of()))).isEmpty();
    }

    @Test
    @DisplayName("a destination named twice in the message, in different case, is a candidate once")
    void duplicateDestinationsFromMessage() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle).getDestination().get(1).getReceiver().getIdentifier().setValue("rac");

        assertThat(resolver.candidates(new MessageFactsReader().read(bundle))).containsExactly(ACUTE, GP);
    }

    private static MessageFacts facts(OdsCode sender, List<OdsCode> destinations, List<OdsCode> practices) {
        MessageContent content = new MessageReader().read(DemoMessage.bundle());
        return new MessageFacts(content, sender, NhsNumber.of("9434765919"), Purpose.TREAT, destinations, practices,
                java.util.Optional.empty());
    }
}
