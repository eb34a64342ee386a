package org.vanguard.routes.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.redaction.Deidentification;
import org.vanguard.profiles.redaction.RedactionPlan;
import org.vanguard.routes.intake.DemoMessage;
import org.vanguard.routes.intake.MessageFacts;
import org.vanguard.routes.intake.MessageFactsReader;

/**
 * A message's decision as dispatch keeps it for a redelivery: read back, it gives the same releases, agreement clauses,
 * questions and time, or the same refusals, so the deliveries built from it are the ones built the first time.
 */
class DispatchPlansTests {

    private static final Instant DECIDED = Instant.parse("2026-12-04T10:15:30.123456Z");
    private static final OdsCode GP = OdsCode.of("G81001");
    private static final OdsCode MDT = OdsCode.of("MDT01");

    private final MessageFacts facts = new MessageFactsReader().read(DemoMessage.bundle());

    @Test
    @DisplayName(
            "each recipient's releases (pseudonymised, minimised, labelled), clauses and questions come back as decided")
    void permitsRoundTrip() {
        RedactionPlan pseudonymised = new RedactionPlan(
                Map.of("Patient", Set.of("identifier", "birthDate", "address")),
                Set.of("http://terminology.hl7.org/CodeSystem/v3-ActCode|PSY"),
                true,
                new Deidentification(
                        Deidentification.Level.PSEUDONYMISED,
                        Optional.of("pseudo-123"),
                        Map.of("Patient.birthDate", "year", "Patient.address", "postcode-district")),
                "R",
                "http://terminology.hl7.org/CodeSystem/v3-ActReason|TREAT");
        RedactionPlan identifiable = new RedactionPlan(
                Map.of(),
                Set.of(),
                true,
                Deidentification.none(),
                "N",
                "http://terminology.hl7.org/CodeSystem/v3-ActReason|TREAT");
        RecipientDecisions.Permitted toGp = new RecipientDecisions.Permitted(
                Map.of(
                        "CarePlan", new ReleasePlanner.Release(identifiable, Optional.empty()),
                        "Patient", new ReleasePlanner.Release(pseudonymised, Optional.empty())),
                Set.of("DSA-CARE-1#2", "DSA-CARE-1#3"),
                List.of(request(GP, "CarePlan"), request(GP, "Patient")));
        RecipientDecisions.Permitted toMdt = new RecipientDecisions.Permitted(
                Map.of("CarePlan", new ReleasePlanner.Release(identifiable, Optional.empty())),
                Set.of("DSA-MDT-1#1"),
                List.of(request(MDT, "CarePlan")));
        DispatchPlanner.Decided decided = new DispatchPlanner.Decided(
                DECIDED, List.of(), List.of(Map.entry(GP, toGp), Map.entry(MDT, toMdt)), false);

        DispatchPlanner.Decided kept =
                DispatchPlans.decode(new DispatchedMessages.Dispatched(DECIDED, DispatchPlans.encode(decided)), facts);

        assertThat(kept.again()).isTrue();
        assertThat(kept.at()).isEqualTo(DECIDED);
        assertThat(kept.stale()).isEmpty();
        assertThat(kept.permitted()).containsExactly(Map.entry(GP, toGp), Map.entry(MDT, toMdt));
    }

    @Test
    @DisplayName("a refusal for stale records comes back with each record's words and element, for the same notice")
    void refusalRoundTrip() {
        List<StaleRefusals.Issue> stale = List.of(
                new StaleRefusals.Issue("Patient/p1 is an older version", "Bundle.entry[1].resource.meta.lastUpdated"),
                new StaleRefusals.Issue("CarePlan/c1 is the same version", "Bundle.entry[2].resource.meta.versionId"));
        DispatchPlanner.Decided decided = new DispatchPlanner.Decided(DECIDED, stale, List.of(), false);

        DispatchPlanner.Decided kept =
                DispatchPlans.decode(new DispatchedMessages.Dispatched(DECIDED, DispatchPlans.encode(decided)), facts);

        assertThat(kept.stale()).containsExactlyElementsOf(stale);
        assertThat(kept.permitted()).isEmpty();
        assertThat(StaleRefusals.notice("m-1", facts, kept.stale(), kept.at()))
                .isEqualTo(StaleRefusals.notice("m-1", facts, stale, DECIDED));
    }

    private DecisionRequest request(OdsCode recipient, String type) {
        return new DecisionRequest(
                facts.sender(), recipient, facts.purpose(), facts.patient(), type, facts.emergency());
    }
}
