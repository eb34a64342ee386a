package org.vanguard.profiles.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.fixtures.DemoMessage;

class MessageReaderTests {

    private static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private static final String HEADER = "Bundle.entry[0].resource";

    private final MessageReader reader = new MessageReader();

    // ---- the demo message -----------------------------------------------------------------------------

    @Test
    @DisplayName("the demo care-plan update reads as event, sender, destinations, patient, GP and resource types")
    void readsDemoMessage() {
        MessageContent content = reader.read(DemoMessage.bundle());

        assertThat(content.event()).isEqualTo(HubEvent.CAREPLAN_UPDATE);
        assertThat(content.event().code()).isEqualTo("careplan-update");
        assertThat(content.sender()).isEqualTo(new Located("CH001", HEADER + ".sender.identifier.value"));
        assertThat(content.destinations())
                .containsExactly(
                        new Located("RAC", HEADER + ".destination[0].receiver.identifier.value"),
                        new Located("MDT01", HEADER + ".destination[1].receiver.identifier.value"));
        assertThat(content.nhsNumber())
                .isEqualTo(new Located("9434765919", "Bundle.entry[1].resource.identifier[0].value"));
        assertThat(content.registeredPractices())
                .containsExactly(
                        new Located("G81001", "Bundle.entry[1].resource.generalPractitioner[0].identifier.value"));
        assertThat(content.resourceTypes()).containsExactlyInAnyOrder("Patient", "CarePlan");
        assertThat(content.headerId()).isEqualTo("6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01");
        assertThat(content.purpose()).isEmpty();
    }

    @Test
    @DisplayName("the demo message read from its file through the parser gives the same content")
    void readsDemoMessageThroughParser() {
        Resource parsed = FhirParsing.standard().parse(DemoMessage.bytes(), DemoMessage.JSON);

        MessageContent content = reader.read(parsed);

        assertThat(content.sender().value()).isEqualTo("CH001");
        assertThat(content.destinations()).extracting(Located::value).containsExactly("RAC", "MDT01");
    }

    @Test
    @DisplayName("a purpose of use in Bundle.meta.security is read with its location")
    void readsPurpose() {
        Bundle bundle = DemoMessage.bundle();
        bundle.getMeta().addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "N", null));
        bundle.getMeta().addSecurity(new Coding(ACT_REASON, "POPHLTH", null));

        assertThat(reader.read(bundle).purpose()).contains(new Located("POPHLTH", "Bundle.meta.security[1].code"));
    }

    @Test
    @DisplayName(
            "a sender whose ODS system is written in lower case is still read: the case of a URL is unusual, not wrong")
    void acceptsLowerCaseOdsSystem() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle)
                .getSender()
                .getIdentifier()
                .setSystem("https://fhir.nhs.uk/id/ods-organization-code");

        assertThat(reader.read(bundle).sender().value()).isEqualTo("CH001");
    }

    @Test
    @DisplayName("the same NHS number written with spaces in two places is one patient")
    void sameNhsNumberDifferentlySpaced() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.carePlan(bundle).getSubject().getIdentifier().setValue("943 476 5919");

        assertThat(reader.read(bundle).nhsNumber().value()).isEqualTo("9434765919");
    }

    // ---- refusals: the shape of a message --------------------------------------------------------------

    @Test
    @DisplayName("a Patient sent on its own is not a message")
    void refusesPatientInsteadOfBundle() {
        Patient patient = DemoMessage.patient(DemoMessage.bundle());

        InputIssue issue = onlyIssue(refusal(patient));

        assertThat(issue.location()).isEqualTo("Patient");
        assertThat(issue.text()).contains("expected a Bundle of type message, got a Patient");
    }

    @Test
    @DisplayName("a Bundle of type collection is not a message")
    void refusesCollectionBundle() {
        Bundle bundle = DemoMessage.bundle().setType(Bundle.BundleType.COLLECTION);

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.type");
        assertThat(issue.code()).isEqualTo(IssueType.VALUE);
        assertThat(issue.text()).contains("not 'collection'");
    }

    @Test
    @DisplayName("a message whose first entry is not its MessageHeader is refused at that entry")
    void refusesFirstEntryNotHeader() {
        Bundle bundle = DemoMessage.bundle();
        Bundle.BundleEntryComponent header = bundle.getEntry().remove(0);
        bundle.getEntry().add(header);

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[0].resource");
        assertThat(issue.text()).isEqualTo("the first entry of a message must be its MessageHeader");
    }

    @Test
    @DisplayName("a message with no entries at all is refused for want of a MessageHeader")
    void refusesEmptyMessage() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE);

        assertThat(onlyIssue(refusal(bundle)).location()).isEqualTo("Bundle.entry[0].resource");
    }

    @Test
    @DisplayName("a second MessageHeader later in the message is refused at its entry")
    void refusesSecondHeader() {
        Bundle bundle = DemoMessage.bundle();
        bundle.addEntry().setResource(DemoMessage.header(bundle).copy());

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[3].resource");
        assertThat(issue.text()).contains("exactly one MessageHeader");
    }

    // ---- refusals: the MessageHeader ------------------------------------------------------------------

    @Test
    @DisplayName("an event code the hub does not know is refused at the code, listing the known events")
    void refusesUnknownEvent() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle).getEventCoding().setCode("discharge-summary");

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo(HEADER + ".eventCoding.code");
        assertThat(issue.text()).contains("unknown event 'discharge-summary'").contains("careplan-update");
    }

    @Test
    @DisplayName("an event from another code system is refused at the system")
    void refusesForeignEventSystem() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle).getEventCoding().setSystem("http://example.org/events");

        assertThat(onlyIssue(refusal(bundle)).location()).isEqualTo(HEADER + ".eventCoding.system");
    }

    @Test
    @DisplayName("a MessageHeader with no sender identifier is refused at sender.identifier")
    void refusesMissingSender() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle).setSender(null);

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo(HEADER + ".sender.identifier");
        assertThat(issue.code()).isEqualTo(IssueType.REQUIRED);
        assertThat(issue.text()).contains("ODS code");
    }

    @Test
    @DisplayName("a sender identified by something other than an ODS code is refused")
    void refusesSenderWithoutOdsSystem() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle).getSender().getIdentifier().setSystem("https://example.org/our-codes");

        assertThat(onlyIssue(refusal(bundle)).location()).isEqualTo(HEADER + ".sender.identifier");
    }

    @Test
    @DisplayName("a destination whose receiver has no ODS code is refused at that destination")
    void refusesDestinationWithoutOds() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle).getDestination().get(1).setReceiver(new Reference().setDisplay("the MDT"));

        assertThat(onlyIssue(refusal(bundle)).location()).isEqualTo(HEADER + ".destination[1].receiver.identifier");
    }

    // ---- refusals: the content ------------------------------------------------------------------------

    @Test
    @DisplayName("a CarePlan without status, intent and subject is refused with all three, each at its element")
    void refusesIncompleteCarePlan() {
        Bundle bundle = DemoMessage.bundle();
        CarePlan carePlan = DemoMessage.carePlan(bundle);
        carePlan.setStatus(null);
        carePlan.setIntent(null);
        carePlan.setSubject(null);

        FhirInputException e = refusal(bundle);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues())
                .extracting(InputIssue::location)
                .containsExactly(
                        "Bundle.entry[2].resource.status",
                        "Bundle.entry[2].resource.intent",
                        "Bundle.entry[2].resource.subject");
        assertThat(e.issues()).extracting(InputIssue::code).containsOnly(IssueType.REQUIRED);
    }

    @Test
    @DisplayName("a CarePlan whose subject points at no Patient in the message and carries no NHS number is refused")
    void refusesCarePlanWithUnresolvableSubject() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.carePlan(bundle).setSubject(new Reference("Patient/somewhere-else"));

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[2].resource.subject");
        assertThat(issue.text()).contains("NHS number");
    }

    @Test
    @DisplayName("a CarePlan subject identified by another system than the NHS number is refused at that system")
    void refusesCarePlanSubjectWithForeignIdentifier() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.carePlan(bundle)
                .getSubject()
                .setIdentifier(new Identifier().setSystem("urn:local-mrn").setValue("A123"));

        assertThat(onlyIssue(refusal(bundle)).location())
                .isEqualTo("Bundle.entry[2].resource.subject.identifier.system");
    }

    @Test
    @DisplayName("a message naming two different NHS numbers concerns two patients and is refused at the second")
    void refusesTwoNhsNumbers() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.carePlan(bundle).getSubject().getIdentifier().setValue("9434765870");

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[2].resource.subject.identifier.value");
        assertThat(issue.text()).contains("one patient").contains("9434765919").contains("9434765870");
    }

    @Test
    @DisplayName("a Patient without an NHS number is refused at its identifiers")
    void refusesPatientWithoutNhsNumber() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.patient(bundle).getIdentifier().clear();
        DemoMessage.carePlan(bundle).getSubject().setIdentifier(null);

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[1].resource.identifier");
        assertThat(issue.text()).contains("no NHS number identifier");
    }

    @Test
    @DisplayName("a consent update whose Consent names no patient is refused at Consent.patient")
    void refusesConsentWithoutPatient() {
        Bundle bundle = DemoMessage.bundle();
        DemoMessage.header(bundle).getEventCoding().setCode("consent-update");
        bundle.getEntry().subList(1, 3).clear();
        bundle.addEntry()
                .setFullUrl("urn:uuid:7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
                .setResource(new Consent().setStatus(Consent.ConsentState.ACTIVE));

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry[1].resource.patient");
        assertThat(issue.text()).contains("Consent.patient must carry the patient's NHS number");
    }

    @Test
    @DisplayName("a care-plan update that carries no CarePlan is refused")
    void refusesCarePlanUpdateWithoutCarePlan() {
        Bundle bundle = DemoMessage.bundle();
        bundle.getEntry().remove(2);

        InputIssue issue = onlyIssue(refusal(bundle));

        assertThat(issue.location()).isEqualTo("Bundle.entry");
        assertThat(issue.text()).isEqualTo("a careplan-update message must carry a CarePlan");
    }

    @Test
    @DisplayName("a message declaring two purposes of use is refused at the second")
    void refusesTwoPurposes() {
        Bundle bundle = DemoMessage.bundle();
        bundle.getMeta().addSecurity(new Coding(ACT_REASON, "TREAT", null));
        bundle.getMeta().addSecurity(new Coding(ACT_REASON, "HRESCH", null));

        assertThat(onlyIssue(refusal(bundle)).location()).isEqualTo("Bundle.meta.security[1].code");
    }

    @Test
    @DisplayName("a consent update is read with the patient its Consent identifies by NHS number")
    void readsConsentUpdate() {
        Bundle bundle = DemoMessage.bundle();
        MessageHeader header = DemoMessage.header(bundle);
        header.getEventCoding().setCode("consent-update");
        header.getFocus().clear();
        bundle.getEntry().subList(1, 3).clear();
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        consent.getScope()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/consentscope")
                .setCode("patient-privacy");
        consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
        consent.getPatient()
                .getIdentifier()
                .setSystem("https://fhir.nhs.uk/Id/nhs-number")
                .setValue("9434765919");
        consent.getPolicyRule()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode")
                .setCode("OPTIN");
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY);
        bundle.addEntry()
                .setFullUrl("urn:uuid:7b3c9d1e-2f4a-4b5c-8d6e-9f0a1b2c3d4e")
                .setResource(consent);
        header.addFocus(new Reference("urn:uuid:7b3c9d1e-2f4a-4b5c-8d6e-9f0a1b2c3d4e"));

        MessageContent content = new MessageReader().read(bundle);

        assertThat(content.event()).isEqualTo(HubEvent.CONSENT_UPDATE);
        assertThat(content.nhsNumber().value()).isEqualTo("9434765919");
        assertThat(content.nhsNumber().location()).isEqualTo("Bundle.entry[1].resource.patient.identifier.value");
        assertThat(content.resourceTypes()).containsExactly("Consent");
    }

    @Test
    @DisplayName("every problem of a message is reported at once, so the sender fixes it in one round trip")
    void collectsAllIssues() {
        Bundle bundle = DemoMessage.bundle();
        MessageHeader header = DemoMessage.header(bundle);
        header.getEventCoding().setCode("nonsense");
        header.setSender(null);
        DemoMessage.carePlan(bundle).setIntent(null);

        List<String> locations =
                refusal(bundle).issues().stream().map(InputIssue::location).toList();

        assertThat(locations)
                .contains(
                        HEADER + ".eventCoding.code", HEADER + ".sender.identifier", "Bundle.entry[2].resource.intent");
    }

    private FhirInputException refusal(Resource resource) {
        FhirInputException e = catchThrowableOfType(FhirInputException.class, () -> reader.read(resource));
        assertThat(e).as("the message should have been refused").isNotNull();
        return e;
    }

    private static InputIssue onlyIssue(FhirInputException e) {
        assertThat(e.issues()).as("issues of %s", e.getMessage()).hasSize(1);
        return e.issues().get(0);
    }
}
