package org.vanguard.hub.conformance;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ConditionalDeleteStatus;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.MessageDefinition;
import org.vanguard.hub.web.Searchsets;
import org.vanguard.profiles.validation.HubProfiles;
import org.vanguard.routes.query.QueryParameters;

/**
 * The hub's CapabilityStatement (FHIR R4 conformance), built from what the hub serves and nothing else: each
 * interaction, search parameter and operation declared here is exercised by {@code ConformanceIT}, in JSON and XML,
 * so a declaration that stops working fails the build. It also tells a sender what a refusal would otherwise have
 * to: an NHS number with a correct Modulus 11 check digit identifies every patient, a search states its purpose of
 * use in {@value QueryParameters#PURPOSE_HEADER}, and the client certificate names the sender.
 */
final class CapabilityStatements {

    static final String VALIDATE = "http://hl7.org/fhir/OperationDefinition/Resource-validate";
    static final String PROCESS_MESSAGE = "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message";
    static final String NHS_NUMBER_REQUIREMENT = "Every patient is identified by an NHS number ("
            + HubProfiles.NHS_NUMBER_SYSTEM + ") whose Modulus 11 check digit is correct (hub profiles hub-patient, "
            + "hub-careplan and hub-consent, invariants hub-nhs-1 and hub-nhs-2); other UK Core identifiers and "
            + "extensions are accepted.";
    static final String PURPOSE_OF_USE = "Searches must state the purpose of use in the HTTP header "
            + QueryParameters.PURPOSE_HEADER + ": an HL7 v3 ActReason code (TREAT, ETREAT, BTG, POPHLTH, HOPERAT, "
            + "HRESCH, PUBHLTH) or the hub's CASEFIND, optionally as system|code; without it a search is refused (400). "
            + "The answer holds what the caller may see for that purpose, minimised, and every decision is audited under "
            + "the X-Hub-Query-Id the answer carries. Result parameters: _count (page size, at most "
            + Searchsets.MAX_COUNT + "), _summary (true, data, count, false); a page's next link repeats the search.";

    private CapabilityStatements() {}

    static CapabilityStatement hub(Date published, MessageDefinitions messages) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setId("vanguard-hub");
        statement.setUrl(HubProfiles.BASE + "/CapabilityStatement/vanguard-hub");
        statement.setName("VanguardHub");
        statement.setTitle("Vanguard Hub");
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setDate(published);
        statement.setPublisher("Vanguard Hub");
        statement.setDescription("An integration hub that exchanges FHIR R4 messages between care homes, GP practices, "
                + "trusts and MDTs as their information-sharing agreements allow. " + NHS_NUMBER_REQUIREMENT);
        statement.setKind(CapabilityStatementKind.INSTANCE);
        statement.getSoftware().setName("Vanguard Hub");
        statement
                .getImplementation()
                .setDescription("Vanguard Hub (mutual TLS; the client certificate names the sender)");
        statement.setFhirVersion(FHIRVersion._4_0_1);
        statement
                .addFormat("application/fhir+json")
                .addFormat("application/fhir+xml")
                .addFormat("json")
                .addFormat("xml");

        CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest();
        rest.setMode(RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Every resource received is validated against the hub's profiles before anything is "
                + "queued; mistakes are answered 4xx with an OperationOutcome whose issues carry FHIRPath locations. "
                + "Answers come in the format asked for by _format or Accept (JSON by default). "
                + NHS_NUMBER_REQUIREMENT + " " + PURPOSE_OF_USE);
        rest.getSecurity()
                .setCors(false)
                .setDescription("Mutual TLS with a certificate issued by the hub's CA (a leaf "
                        + "certificate alone is enough); a participant's certificate carries its ODS code as organizationIdentifier "
                        + "(OID 2.5.4.97). " + PURPOSE_OF_USE);
        rest.getSecurity()
                .addService()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/restful-security-service",
                        "Certificates",
                        "Certificates"));

        CapabilityStatementRestResourceComponent patient = profiled(rest, "Patient");
        patient.addInteraction()
                .setCode(TypeRestfulInteraction.SEARCHTYPE)
                .setDocumentation("GET or POST _search; the shared record of one patient. " + PURPOSE_OF_USE);
        patient.addSearchParam()
                .setName("identifier")
                .setType(SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Patient-identifier")
                .setDocumentation("Required: " + HubProfiles.NHS_NUMBER_SYSTEM + "|<NHS number>");

        CapabilityStatementRestResourceComponent carePlan = profiled(rest, "CarePlan");
        carePlan.addInteraction()
                .setCode(TypeRestfulInteraction.SEARCHTYPE)
                .setDocumentation("GET or POST _search; one patient's care plans. " + PURPOSE_OF_USE);
        carePlan.addSearchParam()
                .setName("patient")
                .setType(SearchParamType.REFERENCE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/clinical-patient")
                .setDocumentation("Required, chained by the patient's NHS number: patient.identifier="
                        + HubProfiles.NHS_NUMBER_SYSTEM + "|<NHS number>");

        CapabilityStatementRestResourceComponent consent = profiled(rest, "Consent");
        consent.addInteraction()
                .setCode(TypeRestfulInteraction.CREATE)
                .setDocumentation("Kept before the answer (201, absolute Location with _history, ETag); conditional "
                        + "with If-None-Exist: identifier=[system|]value among the caller's own Consents.");
        consent.addInteraction()
                .setCode(TypeRestfulInteraction.READ)
                .setDocumentation("The caller's own Consents only; another participant's is 404.");
        consent.addInteraction()
                .setCode(TypeRestfulInteraction.VREAD)
                .setDocumentation("The current version only (the one Location and ETag name); an earlier one is 404.");
        consent.addInteraction()
                .setCode(TypeRestfulInteraction.UPDATE)
                .setDocumentation(
                        "Replaces one of the caller's Consents; If-Match: W/\"<versionId>\" is honoured (412 on "
                                + "a mismatch).");
        consent.setVersioning(ResourceVersionPolicy.VERSIONEDUPDATE);
        consent.setReadHistory(false);
        consent.setUpdateCreate(true);
        consent.setConditionalCreate(true);
        consent.setConditionalUpdate(false);
        consent.setConditionalDelete(ConditionalDeleteStatus.NOTSUPPORTED);
        consent.addSearchParam()
                .setName("identifier")
                .setType(SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Consent-identifier")
                .setDocumentation("In If-None-Exist only (conditional create); Consent has no search interaction.");

        profiled(rest, "MessageHeader");
        profiled(rest, "Bundle")
                .setDocumentation("Only a Bundle of type message is held to " + HubProfiles.MESSAGE
                        + "; $validate applies the message rules to messages only.");

        CapabilityStatementRestResourceComponent structureDefinition =
                rest.addResource().setType("StructureDefinition");
        structureDefinition
                .addInteraction()
                .setCode(TypeRestfulInteraction.READ)
                .setDocumentation("The hub's profiles (hub-patient, hub-careplan, hub-consent, hub-messageheader, "
                        + "hub-message) with their snapshots.");

        CapabilityStatementRestResourceComponent messageDefinition =
                rest.addResource().setType("MessageDefinition");
        messageDefinition.addInteraction().setCode(TypeRestfulInteraction.READ);
        messageDefinition.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        messageDefinition
                .addSearchParam()
                .setName("url")
                .setType(SearchParamType.URI)
                .setDefinition("http://hl7.org/fhir/SearchParameter/conformance-url");

        rest.addOperation()
                .setName("process-message")
                .setDefinition(PROCESS_MESSAGE)
                .setDocumentation("A Bundle of type message, JSON or XML; answered with a response message.");
        rest.addOperation()
                .setName("validate")
                .setDefinition(VALIDATE)
                .setDocumentation(
                        "The resource, or a Parameters with a 'resource' parameter; 200 with an OperationOutcome.");

        CapabilityStatement.CapabilityStatementMessagingComponent messaging = statement.addMessaging();
        messaging.setReliableCache(0);
        messaging.setDocumentation("Messages are Bundles of type message (profile " + HubProfiles.MESSAGE
                + ") sent to $process-message, or over AMQP 1.0 to hub.intake.amqp (SASL EXTERNAL with the client "
                + "certificate); MessageHeader.eventCoding is one of " + HubProfiles.eventCodes() + " from "
                + HubProfiles.EVENT_SYSTEM + ". Deliveries wait in the recipient's mailbox (GET /mailbox/messages, or "
                + "the AMQP queue hub.mailbox.<ODS>, content-type application/fhir+json). " + NHS_NUMBER_REQUIREMENT);
        for (MessageDefinition definition : messages.all()) {
            messaging
                    .addSupportedMessage()
                    .setMode(CapabilityStatement.EventCapabilityMode.RECEIVER)
                    .setDefinition(definition.getUrl());
        }
        return statement;
    }

    /**
     * A resource type the hub profiles, with the type-level {@code $validate} (FHIR's Resource-validate; the hub also
     * answers it at instance level, {@code [type]/[id]/$validate}, for a resource about to be sent as that id).
     */
    private static CapabilityStatementRestResourceComponent profiled(
            CapabilityStatement.CapabilityStatementRestComponent rest, String type) {
        String profile = HubProfiles.forType(type).orElseThrow();
        CapabilityStatementRestResourceComponent resource =
                rest.addResource().setType(type).setProfile(profile);
        resource.addSupportedProfile(profile);
        resource.addOperation().setName("validate").setDefinition(VALIDATE);
        return resource;
    }
}
