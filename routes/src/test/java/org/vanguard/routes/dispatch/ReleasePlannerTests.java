package org.vanguard.routes.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.agreement.AgreementClause;
import org.vanguard.governance.agreement.Identifiability;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.decision.Obligation;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.pseudonym.PseudonymKey;
import org.vanguard.governance.pseudonym.PseudonymKeys;
import org.vanguard.governance.pseudonym.Pseudonyms;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.sensitivity.SensitiveCategory;
import org.vanguard.profiles.redaction.Deidentification;

class ReleasePlannerTests {

    private final ReleasePlanner planner = new ReleasePlanner(new Pseudonyms(new PseudonymKeys() {
        private final PseudonymKey key = new PseudonymKey("k1", new byte[32]);

        @Override
        public PseudonymKey current(String agreementId) {
            return key;
        }

        @Override
        public List<PseudonymKey> all(String agreementId) {
            return List.of(key);
        }
    }));

    private static Decision.Permit permit(Purpose purpose, List<Obligation> obligations) {
        DecisionRequest request = new DecisionRequest(
                OdsCode.of("CH001"), OdsCode.of("G81001"), purpose, NhsNumber.of("9434765919"), "CarePlan");
        return new Decision.Permit(
                request, new AgreementClause("ISA-1", 1, "flows[0]", "t"), obligations, List.of("permitted"));
    }

    @Test
    @DisplayName(
            "without obligations nothing sensitive leaves, restricted patients are redacted and data is labelled N")
    void safeDefaults() {
        ReleasePlanner.Release release = planner.planFor(permit(Purpose.TREAT, List.of()));

        assertThat(release.plan().allowedSensitiveLabels()).isEmpty();
        assertThat(release.plan().redactRestrictedPatient()).isTrue();
        assertThat(release.plan().confidentiality()).isEqualTo("N");
        assertThat(release.plan().purposeLabel()).isEqualTo(Purpose.ACT_REASON_SYSTEM + "|TREAT");
        assertThat(release.override()).isEmpty();
    }

    @Test
    @DisplayName("each obligation becomes its redaction step")
    void obligationsMapped() {
        EmergencyOverride override = new EmergencyOverride("EMERG", "unconscious on admission", "Dr A");
        ReleasePlanner.Release release = planner.planFor(permit(
                Purpose.BTG,
                List.of(
                        new Obligation.KeepOnlyElements("CarePlan", Set.of("title", "activity")),
                        new Obligation.WithholdSensitive(Set.of(SensitiveCategory.MENTAL_HEALTH)),
                        new Obligation.Deidentify(Identifiability.ANONYMISED),
                        new Obligation.LabelOutbound("V"),
                        new Obligation.ReviewOverride(override))));

        assertThat(release.plan().keepElements()).containsEntry("CarePlan", Set.of("title", "activity"));
        assertThat(release.plan().allowedSensitiveLabels())
                .containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActCode|PSY");
        assertThat(release.plan().deidentification().level()).isEqualTo(Deidentification.Level.ANONYMISED);
        assertThat(release.plan().deidentification().pseudonym()).isEmpty();
        assertThat(release.plan().deidentification().forms()).containsEntry("Patient.birthDate", "five-year-band");
        assertThat(release.plan().confidentiality()).isEqualTo("V");
        assertThat(release.override()).contains(override);
    }

    @Test
    @DisplayName(
            "a pseudonymised release carries the patient's keyed pseudonym under the permit's agreement and the agreed forms")
    void pseudonymised() {
        ReleasePlanner.Release release = planner.planFor(
                permit(Purpose.POPHLTH, List.of(new Obligation.Deidentify(Identifiability.PSEUDONYMISED))));

        Deidentification deidentification = release.plan().deidentification();
        assertThat(deidentification.level()).isEqualTo(Deidentification.Level.PSEUDONYMISED);
        assertThat(deidentification.pseudonym())
                .hasValueSatisfying(p -> assertThat(p).matches("k1-[0-9a-f]{40}"));
        assertThat(deidentification.forms())
                .containsEntry("Patient.birthDate", "year")
                .containsEntry("Patient.address", "postcode-district");
    }

    @Test
    @DisplayName("the hub's own purpose code system labels case finding")
    void caseFindingLabel() {
        assertThat(planner.planFor(permit(Purpose.CASEFIND, List.of())).plan().purposeLabel())
                .isEqualTo(Purpose.HUB_SYSTEM + "|CASEFIND");
    }
}
