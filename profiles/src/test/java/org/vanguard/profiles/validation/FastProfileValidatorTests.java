package org.vanguard.profiles.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fixtures.DemoMessage;
import org.vanguard.profiles.message.HubEvent;

class FastProfileValidatorTests {

    private final FastProfileValidator validator = FastProfileValidator.standard();

    @Test
    @DisplayName("the demo care-plan update conforms to the hub's profiles")
    void demoMessageConforms() {
        assertThat(validator.validate(DemoMessage.bundle())).isEmpty();
    }

    @Test
    @DisplayName("an NHS number failing its check digit is reported at its value in every place the message names it")
    void badCheckDigitInMessage() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.patient(bundle).getIdentifierFirstRep().setValue("9434765918");
        DemoMessage.carePlan(bundle).getSubject().getIdentifier().setValue("9434765918");

        List<InputIssue> issues = validator.validate(bundle);

        assertThat(issues)
                .extracting(InputIssue::location)
                .containsExactly(
                        "Bundle.entry[1].resource.identifier[0].value",
                        "Bundle.entry[2].resource.subject.identifier.value");
        assertThat(issues).allSatisfy(issue -> {
            assertThat(issue.code()).isEqualTo(IssueType.VALUE);
            assertThat(issue.text()).isEqualTo("NHS number 9434765918 fails its Modulus 11 check digit");
        });
    }

    @Test
    @DisplayName("without check digits, the validator leaves a bad NHS number to the caller and checks everything else")
    void withoutCheckDigits() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.patient(bundle).getIdentifierFirstRep().setValue("9434765918");
        DemoMessage.carePlan(bundle).setIntent(null);

        assertThat(FastProfileValidator.withoutCheckDigits().validate(bundle))
                .extracting(InputIssue::location)
                .containsExactly("Bundle.entry[2].resource.intent");
    }

    @Test
    @DisplayName(
            "a standalone Patient is located from its own type, and a UK Core style one with spaces in its NHS number is accepted")
    void standalonePatient() {
        Patient patient = DemoMessage.patient(DemoMessage.bundle());
        patient.getIdentifierFirstRep().setValue("943 476 5919");
        patient.addIdentifier().setSystem("https://example.org/mrn").setValue("A1");
        assertThat(validator.validate(patient)).isEmpty();

        patient.getIdentifierFirstRep().setValue("1234567890");
        assertThat(validator.validate(patient)).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("Patient.identifier[0].value");
            assertThat(issue.text()).contains("check digit would be 10");
        });
    }

    @Test
    @DisplayName("an unknown event is reported at the event code with the events the hub knows")
    void unknownEvent() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle).getEventCoding().setCode("careplan-delete");

        assertThat(validator.validate(bundle)).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("Bundle.entry[0].resource.eventCoding.code");
            assertThat(issue.text())
                    .isEqualTo("unknown event 'careplan-delete'; expected one of " + HubEvent.knownCodes());
        });
    }

    @Test
    @DisplayName("the hub's event CodeSystem and the HubEvent enum name the same events in the same order")
    void eventCodesMatchEnum() {
        assertThat(HubProfiles.eventCodes())
                .containsExactly(java.util.Arrays.stream(HubEvent.values())
                        .map(HubEvent::code)
                        .toArray(String[]::new));
    }

    @Test
    @DisplayName(
            "a patient-privacy Consent with nested provisions and the patient by NHS number conforms; a treatment one does not")
    void consentScope() {
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        consent.setPatient(new Reference()
                .setIdentifier(new Identifier()
                        .setSystem(HubProfiles.NHS_NUMBER_SYSTEM)
                        .setValue("9434765919")));
        consent.addPolicy().setUri("https://vanguard-hub.org/policy/shared-care-record");
        consent.getProvision()
                .setType(Consent.ConsentProvisionType.DENY)
                .addProvision()
                .setType(Consent.ConsentProvisionType.PERMIT)
                .addActor()
                .setRole(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
                .setReference(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(HubProfiles.ODS_SYSTEM)
                                .setValue("G81001")));
        assertThat(validator.validate(consent)).isEmpty();

        consent.getScope().getCodingFirstRep().setCode("treatment");
        consent.getProvision().getProvisionFirstRep().getActorFirstRep().setReference(null);
        assertThat(validator.validate(consent))
                .extracting(InputIssue::location)
                .containsExactlyInAnyOrder("Consent.provision.provision[0].actor[0].reference", "Consent.scope");
    }
}
