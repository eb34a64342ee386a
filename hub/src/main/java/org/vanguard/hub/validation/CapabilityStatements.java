package org.vanguard.hub.validation;

import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.vanguard.profiles.validation.HubProfiles;

/**
 * The hub's CapabilityStatement (FHIR R4 conformance): what it accepts, in which formats, and against which
 * profiles, so that a sender's system can read the hub's requirement (an NHS number with a correct
 * Modulus 11 check digit identifies every patient) rather than discover it from a refusal.
 */
final class CapabilityStatements {

    private static final String VALIDATE = "http://hl7.org/fhir/OperationDefinition/Resource-validate";
    private static final String PROCESS_MESSAGE = "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message";
    static final String NHS_NUMBER_REQUIREMENT = "Every patient is identified by an NHS number ("
            + HubProfiles.NHS_NUMBER_SYSTEM + ") whose Modulus 11 check digit is correct (hub profiles hub-patient, "
            + "hub-careplan and hub-consent, invariants hub-nhs-1 and hub-nhs-2); other UK Core identifiers and "
            + "extensions are accepted.";

    private CapabilityStatements() {
    }

    static CapabilityStatement hub(Date published) {
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
        statement.getImplementation().setDescription("Vanguard Hub (mutual TLS; the client certificate names the sender)");
        statement.setFhirVersion(FHIRVersion._4_0_1);
        statement.addFormat("application/fhir+json").addFormat("application/fhir+xml");
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest();
        rest.setMode(RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Every resource received is validated against the hub's profiles before anything is "
                + "queued; mistakes are answered 4xx with an OperationOutcome whose issues carry FHIRPath locations. "
                + NHS_NUMBER_REQUIREMENT);
        rest.getSecurity().setDescription("Mutual TLS with a certificate issued by the hub's CA; a participant's "
                + "certificate carries its ODS code as organizationIdentifier (OID 2.5.4.97).");
        for (Map.Entry<String, String> profiled : new java.util.TreeMap<>(HubProfiles.byType()).entrySet()) {
            CapabilityStatement.CapabilityStatementRestResourceComponent resource = rest.addResource()
                    .setType(profiled.getKey())
                    .setProfile(profiled.getValue());
            resource.addSupportedProfile(profiled.getValue());
            if (profiled.getKey().equals("Consent")) {
                resource.addInteraction().setCode(TypeRestfulInteraction.CREATE);
            }
            resource.addOperation().setName("validate").setDefinition(VALIDATE);
        }
        rest.addOperation().setName("process-message").setDefinition(PROCESS_MESSAGE);
        rest.addOperation().setName("validate").setDefinition(VALIDATE);
        CapabilityStatement.CapabilityStatementMessagingComponent messaging = statement.addMessaging();
        messaging.setDocumentation("Messages are Bundles of type message (profile " + HubProfiles.MESSAGE
                + ") sent to $process-message; MessageHeader.eventCoding is one of " + HubProfiles.eventCodes()
                + " from " + HubProfiles.EVENT_SYSTEM + ". " + NHS_NUMBER_REQUIREMENT);
        return statement;
    }
}
