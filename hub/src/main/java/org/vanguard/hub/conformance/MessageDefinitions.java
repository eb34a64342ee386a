package org.vanguard.hub.conformance;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MessageDefinition;
import org.hl7.fhir.r4.model.MessageDefinition.MessageSignificanceCategory;
import org.hl7.fhir.r4.model.MessageDefinition.MessageheaderResponseRequest;
import org.vanguard.profiles.validation.HubProfiles;

/**
 * One FHIR MessageDefinition per event the hub receives, so that {@code CapabilityStatement.messaging.supportedMessage}
 * points at definitions a client can read ({@code GET /fhir/MessageDefinition/{event}}): which resource each event is
 * about, that it is a notification, and that the hub always answers with a response message.
 */
final class MessageDefinitions {

    /** What each event is about: its focus resource type and profile. */
    private static final Map<String, String> FOCUS = Map.of(
            "patient-update", "Patient",
            "careplan-update", "CarePlan",
            "consent-update", "Consent");

    private final List<MessageDefinition> all;

    MessageDefinitions(Date published) {
        this.all = HubProfiles.eventCodes().stream()
                .map(code -> definition(code, published))
                .toList();
    }

    static String url(String event) {
        return HubProfiles.BASE + "/MessageDefinition/" + event;
    }

    List<MessageDefinition> all() {
        return all;
    }

    Optional<MessageDefinition> byId(String id) {
        return all.stream()
                .filter(definition -> definition.getIdElement().getIdPart().equals(id))
                .findFirst();
    }

    private static MessageDefinition definition(String event, Date published) {
        MessageDefinition definition = new MessageDefinition();
        definition.setId(event);
        definition.setUrl(url(event));
        definition.setName(toName(event));
        definition.setTitle("Vanguard Hub " + event);
        definition.setStatus(PublicationStatus.ACTIVE);
        definition.setDate(published);
        definition.setPublisher("Vanguard Hub");
        definition.setEvent(new Coding(HubProfiles.EVENT_SYSTEM, event, null));
        definition.setCategory(MessageSignificanceCategory.NOTIFICATION);
        definition.setResponseRequired(MessageheaderResponseRequest.ALWAYS);
        String type = FOCUS.get(event);
        definition.setDescription("A Bundle of type message (" + HubProfiles.MESSAGE
                + ") whose MessageHeader.eventCoding is "
                + event + " from " + HubProfiles.EVENT_SYSTEM + ", sent to $process-message or the AMQP intake; "
                + "answered with a response message (code ok) once durably queued, or an OperationOutcome. "
                + CapabilityStatements.NHS_NUMBER_REQUIREMENT);
        if (type != null) {
            definition
                    .addFocus()
                    .setCode(type)
                    .setMin(1)
                    .setMax("*")
                    .setProfile(HubProfiles.forType(type).orElse(null));
        }
        return definition;
    }

    private static String toName(String event) {
        StringBuilder name = new StringBuilder();
        for (String part : event.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }
}
