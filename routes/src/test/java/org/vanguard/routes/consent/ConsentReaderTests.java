package org.vanguard.routes.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.consent.ConsentAction;
import org.vanguard.governance.consent.ConsentEvaluation;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.governance.consent.ConsentVerdict;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;

class ConsentReaderTests {

    private static final OdsCode SENDER = OdsCode.of("CH001");
    private static final OdsCode RECIPIENT = OdsCode.of("RAC");
    private static final NhsNumber PATIENT = NhsNumber.of("9434765919");
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Map<String, NhsNumber> SHARED = Map.of("Patient/RichardSmith", PATIENT);
    private static final ConsentReader.PatientReferences BY_SHARED_PATIENT =
            ref -> Optional.ofNullable(SHARED.get(ref));

    private final ConsentReader reader = new ConsentReader();

    /** As UK Core publishes its information-access example: no base decision, the patient by reference, purpose GOV. */
    private static Consent ukCoreExample() {
        Consent consent = new Consent();
        consent.setId("UKCore-Consent-ForInformationAccess-Example");
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(
                new CodeableConcept(new Coding(ConsentReader.SCOPE_SYSTEM, "patient-privacy", "Privacy Consent")));
        consent.addCategory(
                new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "INFA", null)));
        consent.setPatient(new Reference("Patient/RichardSmith"));
        consent.setDateTimeElement(new DateTimeType("2019-12-10T11:15:00+00:00"));
        consent.getProvision().addPurpose(new Coding(Purpose.ACT_REASON_SYSTEM, "GOV", "government"));
        return consent;
    }

    @Test
    @DisplayName(
            "UK Core's example is read: its patient from the shared Patient it references; it permits and denies nothing")
    void ukCoreExampleDecidesNothing() {
        ConsentRecord record = reader.read(ukCoreExample(), "Consent", SENDER, BY_SHARED_PATIENT);

        assertThat(record.patient()).isEqualTo(PATIENT);
        assertThat(record.root().type()).isEqualTo(ConsentAction.UNSTATED);
        assertThat(record.root().purposes()).isEmpty();
        assertThat(record.root().otherPurposes()).containsExactly(Purpose.ACT_REASON_SYSTEM + "|GOV");
        for (Purpose purpose : Purpose.values()) {
            assertThat(ConsentEvaluation.evaluate(Optional.of(record), RECIPIENT, purpose, "Patient", NOW)
                            .outcome())
                    .as(purpose.name())
                    .isEqualTo(ConsentVerdict.Outcome.NO_OPINION);
        }
        assertThat(record.remarks())
                .anySatisfy(r -> assertThat(r).startsWith("Consent.provision.type:"))
                .anySatisfy(r ->
                        assertThat(r).startsWith("Consent.provision.purpose:").contains("GOV"));
    }

    @Test
    @DisplayName("an unstated root with a nested deny: the deny speaks where it applies, nothing elsewhere")
    void unstatedRootNestedDeny() {
        Consent consent = ukCoreExample();
        consent.getProvision().getPurpose().clear();
        consent.getProvision()
                .addProvision()
                .setType(Consent.ConsentProvisionType.DENY)
                .addPurpose(new Coding(Purpose.ACT_REASON_SYSTEM, "HRESCH", null));
        ConsentRecord record = reader.read(consent, "Consent", SENDER, BY_SHARED_PATIENT);

        assertThat(ConsentEvaluation.evaluate(Optional.of(record), RECIPIENT, Purpose.HRESCH, "Patient", NOW)
                        .outcome())
                .isEqualTo(ConsentVerdict.Outcome.DENY);
        assertThat(ConsentEvaluation.evaluate(Optional.of(record), RECIPIENT, Purpose.TREAT, "Patient", NOW)
                        .outcome())
                .isEqualTo(ConsentVerdict.Outcome.NO_OPINION);
        assertThat(record.remarks()).singleElement().asString().contains("where none of its nested provisions applies");
    }

    @Test
    @DisplayName(
            "a deny limited to a purpose the hub does not serve never denies the hub's purposes; with TREAT beside it, it does")
    void otherPurposesLimitTheProvision() {
        Consent consent = ukCoreExample();
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY);
        ConsentRecord onlyGov = reader.read(consent, "Consent", SENDER, BY_SHARED_PATIENT);
        assertThat(ConsentEvaluation.evaluate(Optional.of(onlyGov), RECIPIENT, Purpose.TREAT, "Patient", NOW)
                        .outcome())
                .isEqualTo(ConsentVerdict.Outcome.NO_OPINION);

        consent.getProvision().addPurpose(new Coding(Purpose.ACT_REASON_SYSTEM, "TREAT", null));
        ConsentRecord withTreat = reader.read(consent, "Consent", SENDER, BY_SHARED_PATIENT);
        assertThat(ConsentEvaluation.evaluate(Optional.of(withTreat), RECIPIENT, Purpose.TREAT, "Patient", NOW)
                        .outcome())
                .isEqualTo(ConsentVerdict.Outcome.DENY);
        assertThat(withTreat.remarks()).isEmpty();
    }

    @Test
    @DisplayName(
            "refused, each at its place: a reference to a Patient not shared, a misspelt purpose, a nested provision without a type")
    void refusals() {
        Consent consent = ukCoreExample();
        consent.setPatient(new Reference("Patient/Unknown"));
        consent.getProvision().addPurpose(new Coding(Purpose.ACT_REASON_SYSTEM, "TRAET", null));
        consent.getProvision().addProvision().addPurpose(new Coding(Purpose.ACT_REASON_SYSTEM, "TREAT", null));

        FhirInputException refused = catchThrowableOfType(
                FhirInputException.class, () -> reader.read(consent, "Consent", SENDER, BY_SHARED_PATIENT));

        assertThat(refused.issues())
                .extracting(InputIssue::location)
                .containsExactlyInAnyOrder(
                        "Consent.patient.reference",
                        "Consent.provision.purpose[1]",
                        "Consent.provision.provision[0].type");
        assertThat(refused.issues())
                .filteredOn(i -> i.location().equals("Consent.patient.reference"))
                .singleElement()
                .satisfies(i -> assertThat(i.text()).contains("'Patient/Unknown' is not a Patient you have shared"));
    }

    @Test
    @DisplayName("without a way to resolve references, a Consent must name its patient by NHS number")
    void referenceNeedsAResolver() {
        FhirInputException refused =
                catchThrowableOfType(FhirInputException.class, () -> reader.read(ukCoreExample(), "Consent", SENDER));
        assertThat(refused.issues()).extracting(InputIssue::location).containsExactly("Consent.patient.reference");
    }
}
