package org.vanguard.routes.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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

    private final RecipientResolver resolver =
            new RecipientResolver((team, patient) -> List.of(), (event, patient) -> List.of());

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
        assertThat(resolver.candidates(facts(CARE_HOME, List.of(), List.of(GP))))
                .containsExactly(GP);
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
        DemoMessage.header(bundle)
                .getDestination()
                .get(1)
                .getReceiver()
                .getIdentifier()
                .setValue("rac");

        assertThat(resolver.candidates(new MessageFactsReader().read(bundle))).containsExactly(ACUTE, GP);
    }

    @Test
    @DisplayName("a CarePlan naming a care team held for this patient adds the team's members, once, never the sender")
    void careTeamMembers() {
        OdsCode community = OdsCode.of("RCP");
        Map<String, List<OdsCode>> teams = Map.of("frailty-1", List.of(community, GP, CARE_HOME));
        RecipientResolver withTeams = new RecipientResolver(
                (team, patient) ->
                        patient.value().equals("9434765919") ? teams.getOrDefault(team, List.of()) : List.of(),
                (event, patient) -> List.of());
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.carePlan(bundle).addCareTeam().setReference("CareTeam/frailty-1");
        DemoMessage.carePlan(bundle).addCareTeam().setReference("https://other.example/fhir/CareTeam/unknown");

        assertThat(withTeams.candidates(new MessageFactsReader().read(bundle)))
                .containsExactly(ACUTE, MDT, GP, community);
        assertThat(RecipientResolver.careTeamIds(bundle)).containsExactly("frailty-1", "unknown");
    }

    @Test
    @DisplayName("a participant subscribed to the message's event for its patient is a candidate")
    void subscribers() {
        OdsCode community = OdsCode.of("RCP");
        RecipientResolver withSubscriptions = new RecipientResolver(
                (team, patient) -> List.of(),
                (event, patient) -> event.equals("careplan-update") ? List.of(community) : List.of());

        assertThat(withSubscriptions.candidates(new MessageFactsReader().read(DemoMessage.bundle())))
                .containsExactly(ACUTE, MDT, GP, community);
    }

    private static MessageFacts facts(OdsCode sender, List<OdsCode> destinations, List<OdsCode> practices) {
        MessageContent content = new MessageReader().read(DemoMessage.bundle());
        return new MessageFacts(
                content,
                sender,
                NhsNumber.of("9434765919"),
                Purpose.TREAT,
                destinations,
                practices,
                java.util.Optional.empty());
    }
}
