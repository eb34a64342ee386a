package org.vanguard.profiles.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fixtures.DemoMessage;

class MessageBundlesTests {

    private static final String PATIENT_URL = "urn:uuid:0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c";
    private static final String CARE_PLAN_URL = "urn:uuid:9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d";

    @Test
    @DisplayName("a delivery carries only the resource types the recipient may see, after the MessageHeader")
    void keepsOnlyPermittedTypes() {
        Bundle delivery = MessageBundles.deliveryFor(DemoMessage.bundle(), "hub-1", "RAC", Set.of("CarePlan"));

        assertThat(delivery.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .containsExactly("MessageHeader", "CarePlan");
        assertThat(delivery.getEntry().get(1).getFullUrl()).isEqualTo(CARE_PLAN_URL);
    }

    @Test
    @DisplayName("a delivery with every type permitted carries every resource of the original")
    void keepsAllWhenAllPermitted() {
        Bundle delivery =
                MessageBundles.deliveryFor(DemoMessage.bundle(), "hub-1", "MDT01", Set.of("Patient", "CarePlan"));

        assertThat(delivery.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .containsExactly("MessageHeader", "Patient", "CarePlan");
    }

    @Test
    @DisplayName("a delivery's MessageHeader is addressed to its one recipient by ODS code, and no one else")
    void addressesRecipient() {
        Bundle delivery = MessageBundles.deliveryFor(DemoMessage.bundle(), "hub-1", "RAC", Set.of("CarePlan"));

        MessageHeader header = (MessageHeader) delivery.getEntryFirstRep().getResource();
        assertThat(header.getDestination()).singleElement().satisfies(destination -> {
            assertThat(destination.getEndpoint()).isEqualTo("urn:ods:RAC");
            assertThat(destination.getReceiver().getIdentifier().getSystem()).isEqualTo(MessageReader.ODS_SYSTEM);
            assertThat(destination.getReceiver().getIdentifier().getValue()).isEqualTo("RAC");
        });
        assertThat(header.getSender().getIdentifier().getValue()).isEqualTo("CH001");
    }

    @Test
    @DisplayName("a delivery is a message under the hub's id, and a recipient can read it as one")
    void deliveryIsAMessage() {
        Bundle delivery =
                MessageBundles.deliveryFor(DemoMessage.bundle(), "hub-1", "RAC", Set.of("Patient", "CarePlan"));

        assertThat(delivery.getType()).isEqualTo(Bundle.BundleType.MESSAGE);
        assertThat(delivery.getIdentifier().getSystem()).isEqualTo(MessageBundles.HUB_MESSAGE_ID_SYSTEM);
        assertThat(delivery.getIdentifier().getValue()).isEqualTo("hub-1");
        Bundle reparsed = FhirParsing.fromTrustedJson(Bundle.class, FhirParsing.toJson(delivery));
        MessageContent content = new MessageReader().read(reparsed);
        assertThat(content.destinations()).extracting(Located::value).containsExactly("RAC");
        assertThat(content.nhsNumber().value()).isEqualTo("9434765919");
    }

    @Test
    @DisplayName("building a delivery leaves the sender's message untouched")
    void leavesOriginalUntouched() {
        Bundle original = DemoMessage.bundle();
        String before = FhirParsing.toJson(original);

        MessageBundles.deliveryFor(original, "hub-1", "RAC", Set.of("CarePlan"));

        assertThat(FhirParsing.toJson(original)).isEqualTo(before);
    }

    @Test
    @DisplayName("a delivery keeps the original's security labels")
    void keepsSecurityLabels() {
        Bundle original = DemoMessage.bundle();
        original.getMeta()
                .addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", null));

        Bundle delivery = MessageBundles.deliveryFor(original, "hub-1", "RAC", Set.of("CarePlan"));

        assertThat(delivery.getMeta().getSecurity()).extracting(Coding::getCode).containsExactly("R");
    }

    @Test
    @DisplayName("a delivery's MessageHeader never points its focus at a resource that was withheld")
    void focusNeverNamesWithheldResource() {
        Bundle delivery = MessageBundles.deliveryFor(DemoMessage.bundle(), "hub-1", "RAC", Set.of("CarePlan"));

        MessageHeader header = (MessageHeader) delivery.getEntryFirstRep().getResource();
        assertThat(header.getFocus()).extracting(Reference::getReference).doesNotContain(PATIENT_URL);
    }

    @Test
    @DisplayName("a delivery's MessageHeader keeps its focus on the resources that were delivered")
    void focusKeepsDeliveredResources() {
        Bundle delivery = MessageBundles.deliveryFor(DemoMessage.bundle(), "hub-1", "RAC", Set.of("CarePlan"));

        MessageHeader header = (MessageHeader) delivery.getEntryFirstRep().getResource();
        assertThat(header.getFocus()).extracting(Reference::getReference).containsExactly(CARE_PLAN_URL);
    }

    @Test
    @DisplayName("the response to an accepted message quotes the sender's MessageHeader id with code ok")
    void acceptedResponse() {
        MessageContent content = new MessageReader().read(DemoMessage.bundle());

        Bundle response = MessageBundles.accepted(content, "hub-1");

        MessageHeader header = (MessageHeader) response.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getIdentifier()).isEqualTo("6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01");
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
        assertThat(header.getEventCoding().getCode()).isEqualTo("careplan-update");
        assertThat(response.getIdentifier().getValue()).isEqualTo("hub-1");
        assertThat(header.getReason().getText()).isEqualTo("accepted as hub message hub-1");
    }

    @Test
    @DisplayName(
            "a notice the hub writes (not forwarded, not delivered) conforms to the hub's own message profiles, sender included")
    void noticeConformsToTheHubProfiles() {
        org.hl7.fhir.r4.model.OperationOutcome outcome = new org.hl7.fhir.r4.model.OperationOutcome();
        outcome.addIssue()
                .setSeverity(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.ERROR)
                .setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.CONFLICT)
                .setDiagnostics("Hub message hub-1 was accepted but is not forwarded to anyone: a stale version")
                .addExpression("Bundle.entry[2].resource.meta.lastUpdated");
        Bundle notice = MessageBundles.notice(
                "0c9d3f57-4d8e-3b51-9a38-2b7f0c1e6d42",
                "CH001",
                (MessageHeader) DemoMessage.bundle().getEntryFirstRep().getResource(),
                "hub-1",
                outcome,
                "not-forwarded: hub message hub-1 carries a stale version of a record",
                new java.util.Date());
        // Through JSON, as the sender reads it from its mailbox.
        Bundle read = FhirParsing.fromTrustedJson(Bundle.class, FhirParsing.toJson(notice));

        assertThat(org.vanguard.profiles.validation.FastProfileValidator.standard()
                        .validate(read))
                .isEmpty();
        org.vanguard.profiles.validation.FullProfileValidator full =
                new org.vanguard.profiles.validation.FullProfileValidator();
        assertThat(full.validate(FhirParsing.toJson(notice)).stream()
                        .filter(org.vanguard.profiles.validation.ValidationIssue::isError)
                        .toList())
                .as("hub-message and hub-messageheader (MessageHeader.sender.identifier among them)")
                .isEmpty();
        MessageHeader header = (MessageHeader) read.getEntryFirstRep().getResource();
        assertThat(header.getSender().getIdentifier().getSystem()).isEqualTo(MessageBundles.HUB_SENDER_SYSTEM);
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.FATALERROR);

        header.setSender(null);
        assertThat(full.validate(FhirParsing.toJson(read)).stream()
                        .filter(org.vanguard.profiles.validation.ValidationIssue::isError)
                        .map(org.vanguard.profiles.validation.ValidationIssue::location)
                        .toList())
                .as("the check can fail: a notice without a sender is not the hub's message")
                .isNotEmpty();
    }
}
