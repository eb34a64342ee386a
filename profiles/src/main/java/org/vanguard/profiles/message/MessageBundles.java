package org.vanguard.profiles.message;

import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.vanguard.profiles.fhir.FhirParsing;

/** Builds the messages the hub sends: deliveries to recipients and the response a sender gets on acceptance. */
public final class MessageBundles {

    /** Identifier system of the hub's message ids. */
    public static final String HUB_MESSAGE_ID_SYSTEM = "https://vanguard-hub.org/fhir/Id/message";
    /** The hub's own name as a message source. */
    public static final String HUB_SOURCE = "https://vanguard-hub.org/fhir";
    /** The identifier system naming the hub itself as the sender of the messages it writes. */
    public static final String HUB_SENDER_SYSTEM = "https://vanguard-hub.org/fhir/Id/hub";
    /** The hub's own value in {@link #HUB_SENDER_SYSTEM}. */
    public static final String HUB_SENDER = "vanguard-hub";

    private MessageBundles() {}

    /**
     * The message as one recipient receives it: the sender's MessageHeader addressed to that recipient and
     * only the entries whose resource types it may see. Nothing else of the original leaves the hub.
     */
    public static Bundle deliveryFor(
            Bundle original, String hubMessageId, String recipientOds, Set<String> permittedTypes) {
        return deliveryFor(
                original,
                hubMessageId,
                recipientOds,
                resource -> permittedTypes.contains(resource.fhirType())
                        ? java.util.Optional.of(resource.copy())
                        : java.util.Optional.empty());
    }

    /**
     * The message as one recipient receives it, each entry passed through {@code release}: what it returns
     * leaves (already minimised and labelled), what it withholds (empty) does not, and the header's focus on
     * a withheld entry is removed too.
     */
    public static Bundle deliveryFor(
            Bundle original,
            String hubMessageId,
            String recipientOds,
            java.util.function.Function<Resource, java.util.Optional<Resource>> release) {
        java.util.Map<Resource, Resource> released = new java.util.IdentityHashMap<>();
        for (int i = 1; i < original.getEntry().size(); i++) {
            Resource resource = original.getEntry().get(i).getResource();
            release.apply(resource).ifPresent(r -> released.put(resource, r));
        }
        Set<String> permittedTypes = new java.util.HashSet<>();
        released.values().forEach(r -> permittedTypes.add(r.fhirType()));
        return assemble(original, hubMessageId, recipientOds, permittedTypes, released);
    }

    private static Bundle assemble(
            Bundle original,
            String hubMessageId,
            String recipientOds,
            Set<String> permittedTypes,
            java.util.Map<Resource, Resource> released) {
        Bundle delivery = new Bundle();
        delivery.setType(Bundle.BundleType.MESSAGE);
        delivery.setId(hubMessageId);
        delivery.setIdentifier(new Identifier().setSystem(HUB_MESSAGE_ID_SYSTEM).setValue(hubMessageId));
        delivery.setTimestamp(original.hasTimestamp() ? original.getTimestamp() : new Date());
        delivery.getMeta().setSecurity(original.getMeta().getSecurity());
        MessageHeader header = ((MessageHeader) original.getEntryFirstRep().getResource()).copy();
        header.getDestination().clear();
        header.addDestination()
                .setEndpoint("urn:ods:" + recipientOds)
                .setReceiver(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(MessageReader.ODS_SYSTEM)
                                .setValue(recipientOds)));
        java.util.Map<String, String> typeByReference = new java.util.HashMap<>();
        for (Bundle.BundleEntryComponent entry : original.getEntry()) {
            Resource resource = entry.getResource();
            if (resource != null) {
                if (entry.hasFullUrl()) {
                    typeByReference.put(entry.getFullUrl(), resource.fhirType());
                }
                if (resource.getIdElement().hasIdPart()) {
                    typeByReference.put(
                            resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource.fhirType());
                }
            }
        }
        // Focus on a withheld resource would reveal that it exists; focus outside the message is kept as sent.
        header.getFocus()
                .removeIf(focus -> focus.hasReference()
                        && typeByReference.containsKey(focus.getReference())
                        && !permittedTypes.contains(typeByReference.get(focus.getReference())));
        java.util.Map<String, String> renamed = renamedFullUrls(original, hubMessageId, recipientOds, released);
        delivery.addEntry().setFullUrl(original.getEntryFirstRep().getFullUrl()).setResource(header);
        for (int i = 1; i < original.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = original.getEntry().get(i);
            Resource resource = released.get(entry.getResource());
            if (resource != null) {
                delivery.addEntry()
                        .setFullUrl(renamed.getOrDefault(entry.getFullUrl(), entry.getFullUrl()))
                        .setResource(resource);
            }
        }
        if (!renamed.isEmpty()) {
            for (Bundle.BundleEntryComponent entry : delivery.getEntry()) {
                for (Reference reference : FhirParsing.context()
                        .newTerser()
                        .getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                    if (reference.hasReference() && renamed.containsKey(reference.getReference())) {
                        reference.setReference(renamed.get(reference.getReference()));
                    }
                }
            }
        }
        return delivery;
    }

    /**
     * A resource that de-identification gave another id (a pseudonymised or anonymised Patient) gets another full URL
     * too, since the sender's could carry the NHS number or link back to the sender's record: a name-based UUID of the
     * message, the recipient and the new id, so a redelivery gets the same one and nothing else can be linked by it.
     * References to the old full URL within the delivery follow.
     */
    private static java.util.Map<String, String> renamedFullUrls(
            Bundle original, String hubMessageId, String recipientOds, java.util.Map<Resource, Resource> released) {
        java.util.Map<String, String> renamed = new java.util.HashMap<>();
        for (int i = 1; i < original.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = original.getEntry().get(i);
            Resource out = released.get(entry.getResource());
            if (out == null || !entry.hasFullUrl()) {
                continue;
            }
            String before = entry.getResource().getIdElement().getIdPart();
            String after = out.getIdElement().getIdPart();
            if (after != null && !after.equals(before)) {
                renamed.put(
                        entry.getFullUrl(),
                        "urn:uuid:"
                                + java.util.UUID.nameUUIDFromBytes(
                                        (hubMessageId + "|" + recipientOds + "|" + out.fhirType() + "/" + after)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return renamed;
    }

    /**
     * A notice from the hub to a sender about one of its messages, as a FHIR response message: a MessageHeader
     * answering the sender's own header ({@code response.identifier}, or the hub message id when the header had
     * none) with {@code fatal-error} and an OperationOutcome saying what happened; the event is the original's.
     */
    public static Bundle notice(
            String noticeId,
            String senderOds,
            MessageHeader original,
            String hubMessageId,
            org.hl7.fhir.r4.model.OperationOutcome outcome,
            String reason,
            Date timestamp) {
        String originalId = original.getIdElement().getIdPart();
        String answered = originalId == null
                ? hubMessageId
                : originalId.startsWith("urn:uuid:") ? originalId.substring("urn:uuid:".length()) : originalId;
        if (!outcome.getIdElement().hasIdPart()) {
            outcome.setId(java.util
                    .UUID
                    .nameUUIDFromBytes(("outcome|" + noticeId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString());
        }
        Bundle notice = new Bundle();
        notice.setType(Bundle.BundleType.MESSAGE);
        notice.setId(noticeId);
        notice.setIdentifier(new Identifier().setSystem(HUB_MESSAGE_ID_SYSTEM).setValue(noticeId));
        notice.setTimestamp(timestamp);
        MessageHeader header = new MessageHeader();
        header.setId(noticeId);
        header.setEvent(original.getEventCoding().copy());
        header.getSource().setName("Vanguard Hub").setEndpoint(HUB_SOURCE);
        header.setSender(hubAsSender());
        header.addDestination()
                .setEndpoint("urn:ods:" + senderOds)
                .setReceiver(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(MessageReader.ODS_SYSTEM)
                                .setValue(senderOds)));
        header.getResponse()
                .setIdentifier(answered)
                .setCode(MessageHeader.ResponseType.FATALERROR)
                .setDetails(new Reference("urn:uuid:" + outcome.getIdElement().getIdPart()));
        header.setReason(new CodeableConcept().setText(reason));
        notice.addEntry().setFullUrl("urn:uuid:" + noticeId).setResource(header);
        notice.addEntry()
                .setFullUrl("urn:uuid:" + outcome.getIdElement().getIdPart())
                .setResource(outcome);
        return notice;
    }

    /** The FHIR response message that tells a sender its message is accepted and under which hub id. */
    public static Bundle accepted(MessageContent message, String hubMessageId) {
        Bundle response = new Bundle();
        response.setType(Bundle.BundleType.MESSAGE);
        response.setId(hubMessageId);
        response.setIdentifier(new Identifier().setSystem(HUB_MESSAGE_ID_SYSTEM).setValue(hubMessageId));
        response.setTimestamp(new Date());
        MessageHeader header = new MessageHeader();
        header.setId(hubMessageId);
        header.setEvent(((MessageHeader) message.bundle().getEntryFirstRep().getResource())
                .getEventCoding()
                .copy());
        header.getSource().setName("Vanguard Hub").setEndpoint(HUB_SOURCE);
        header.setSender(hubAsSender());
        header.getResponse()
                .setIdentifier(message.headerId() == null ? hubMessageId : message.headerId())
                .setCode(MessageHeader.ResponseType.OK);
        header.setReason(new CodeableConcept().setText("accepted as hub message " + hubMessageId));
        response.addEntry().setFullUrl("urn:uuid:" + hubMessageId).setResource(header);
        return response;
    }

    /**
     * The hub as {@code MessageHeader.sender} of what it writes itself (responses and notices): the hub's message
     * profile requires a sender identified by system and value, and the hub has no ODS code of its own.
     */
    static Reference hubAsSender() {
        return new Reference()
                .setIdentifier(new Identifier().setSystem(HUB_SENDER_SYSTEM).setValue(HUB_SENDER))
                .setDisplay("Vanguard Hub");
    }
}
