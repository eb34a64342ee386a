package org.vanguard.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

class MessageFactsReaderTests {

    private static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private final MessageFactsReader reader = new MessageFactsReader();

    @Test
    @DisplayName("the demo message's codes become governance values: sender, patient, destinations, GP, direct care")
    void readsDemoFacts() {
        MessageFacts facts = reader.read(DemoMessage.bundle());

        assertThat(facts.sender()).isEqualTo(OdsCode.of("CH001"));
        assertThat(facts.patient()).isEqualTo(NhsNumber.of("9434765919"));
        assertThat(facts.destinations()).containsExactly(OdsCode.of("RAC"), OdsCode.of("MDT01"));
        assertThat(facts.registeredPractices()).containsExactly(OdsCode.of("G81001"));
        assertThat(facts.content().resourceTypes()).containsExactlyInAnyOrder("Patient", "CarePlan");
    }

    @Test
    @DisplayName("an NHS number that fails its check digit is refused at the Patient's identifier, naming Modulus 11")
    void refusesBadCheckDigit() {
        Bundle bundle = DemoMessage.withNhsNumber(DemoMessage.bundle(), "9434765918");

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[1].resource.identifier[0].value");
        assertThat(issue.code()).isEqualTo(IssueType.VALUE);
        assertThat(issue.text()).contains("Modulus 11").contains("9434765918");
    }

    @Test
    @DisplayName("an NHS number whose check digit would be 10 is refused at its identifier")
    void refusesCheckDigitTen() {
        Bundle bundle = DemoMessage.withNhsNumber(DemoMessage.bundle(), "1234567890");

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[1].resource.identifier[0].value");
        assertThat(issue.text()).contains("check digit would be 10");
    }

    @Test
    @DisplayName("an NHS number that is not ten digits is refused at its identifier")
    void refusesShortNhsNumber() {
        Bundle bundle = DemoMessage.withNhsNumber(DemoMessage.bundle(), "943476591");

        assertThat(onlyIssue(refusal(bundle)).text()).isEqualTo("an NHS number has exactly ten digits");
    }

    @Test
    @DisplayName("an NHS number written with spaces is read as the same patient")
    void acceptsSpacedNhsNumber() {
        Bundle bundle = DemoMessage.withNhsNumber(DemoMessage.bundle(), "943 476 5919");

        assertThat(reader.read(bundle).patient()).isEqualTo(NhsNumber.of("9434765919"));
    }

    @Test
    @DisplayName("ODS identifiers with a lower-case system URL and lower-case codes are accepted and normalised")
    void acceptsLowerCaseOds() {
        Bundle bundle = DemoMessage.bundle();
        String lowerCaseSystem = "https://fhir.nhs.uk/id/ods-organization-code";
        DemoMessage.header(bundle)
                .getSender()
                .getIdentifier()
                .setSystem(lowerCaseSystem)
                .setValue("ch001");
        DemoMessage.header(bundle)
                .getDestination()
                .get(0)
                .getReceiver()
                .getIdentifier()
                .setSystem(lowerCaseSystem);
        DemoMessage.patient(bundle)
                .getGeneralPractitionerFirstRep()
                .getIdentifier()
                .setSystem(lowerCaseSystem);

        MessageFacts facts = reader.read(bundle);

        assertThat(facts.sender()).isEqualTo(OdsCode.of("CH001"));
        assertThat(facts.destinations()).contains(OdsCode.of("RAC"));
        assertThat(facts.registeredPractices()).containsExactly(OdsCode.of("G81001"));
    }

    @Test
    @DisplayName("a malformed ODS code of a destination is refused at that destination's value")
    void refusesMalformedDestination() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle)
                .getDestination()
                .get(1)
                .getReceiver()
                .getIdentifier()
                .setValue("MDT-01");

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[0].resource.destination[1].receiver.identifier.value");
        assertThat(issue.text()).contains("is not an ODS code");
    }

    @Test
    @DisplayName("the same destination named twice, in any case, is one destination")
    void deduplicatesDestinations() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle)
                .getDestination()
                .get(1)
                .getReceiver()
                .getIdentifier()
                .setValue("rac");

        assertThat(reader.read(bundle).destinations()).containsExactly(OdsCode.of("RAC"));
    }

    @Test
    @DisplayName("an unknown purpose code in Bundle.meta.security is refused at that code")
    void refusesUnknownPurpose() {
        Bundle bundle = DemoMessage.bundle();
        bundle.getMeta().addSecurity(new Coding(ACT_REASON, "SHOPPING", null));

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.meta.security[0].code");
        assertThat(issue.text()).contains("unknown purpose of use 'SHOPPING'");
    }

    @Test
    @DisplayName("a message that declares no purpose is direct care (TREAT)")
    void noPurposeMeansTreat() {
        assertThat(reader.read(DemoMessage.bundle()).purpose()).isEqualTo(Purpose.TREAT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ETREAT", "POPHLTH", "hoperat"})
    @DisplayName("a declared purpose of use is the message's purpose")
    void readsDeclaredPurpose(String code) {
        Bundle bundle = DemoMessage.bundle();
        bundle.getMeta().addSecurity(new Coding(ACT_REASON, code, null));

        assertThat(reader.read(bundle).purpose()).isEqualTo(Purpose.fromCode(code));
    }

    @Test
    @DisplayName("a security label that is not a purpose, such as a confidentiality code, leaves the purpose at TREAT")
    void otherSecurityLabelsAreNotPurposes() {
        Bundle bundle = DemoMessage.bundle();
        bundle.getMeta().addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", null));

        assertThat(reader.read(bundle).purpose()).isEqualTo(Purpose.TREAT);
    }

    @Test
    @DisplayName("every bad code in a message is reported at once")
    void reportsEveryBadCode() {
        Bundle bundle = DemoMessage.withNhsNumber(DemoMessage.bundle(), "9434765918");
        bundle.getMeta().addSecurity(new Coding(ACT_REASON, "SHOPPING", null));
        DemoMessage.header(bundle).getSender().getIdentifier().setValue("C!");

        FhirInputException e = refusal(bundle);

        assertThat(e.issues())
                .extracting(InputIssue::location)
                .containsExactlyInAnyOrder(
                        "Bundle.entry[0].resource.sender.identifier.value",
                        "Bundle.entry[1].resource.identifier[0].value",
                        "Bundle.meta.security[0].code");
    }

    private FhirInputException refusal(Bundle bundle) {
        FhirInputException e = catchThrowableOfType(FhirInputException.class, () -> reader.read(bundle));
        assertThat(e).as("the message should have been refused").isNotNull();
        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        return e;
    }

    private static InputIssue onlyIssue(FhirInputException e) {
        assertThat(e.issues()).as("issues of %s", e.getMessage()).hasSize(1);
        return e.issues().get(0);
    }
}
