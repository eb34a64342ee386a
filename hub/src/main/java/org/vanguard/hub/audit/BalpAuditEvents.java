package org.vanguard.hub.audit;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.codesystems.Iso21089Lifecycle;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.validation.HubProfiles;

/**
 * The audit as FHIR R4 {@code AuditEvent}s following IHE Basic Audit Log Patterns (BALP 1.1):
 * <ul>
 *   <li>every decision (at dispatch or at collection) is a consent authorization decision,
 *       {@code IHE.BasicAudit.AuthZconsent}: type DCM 110113 Security Alert, subtype AuthZ-Consent, action E,
 *       outcome 0 for a permit and 8 for a deny (with the reasons as outcomeDesc); agents the sending system
 *       (Application), the recipient organisation as information recipient and as healthcare provider, and the hub as
 *       authorization server; entities the patient (NHS number) and the patient's consent position, plus the
 *       agreement clause as a {@code Contract} entity (BALP closes the entity slicing; the agreement is the hub's
 *       lawful basis and an IG officer needs it, so it is added knowingly);</li>
 *   <li>an emergency override is the same authorization event with purposeOfEvent ETREAT and BTG (break the glass)
 *       and the clinician's coded reason in outcomeDesc; BALP has no profile of its own for it;</li>
 *   <li>every permit at dispatch is also a disclosure by the source, {@code IHE.BasicAudit.PrivacyDisclosure.Source}:
 *       type DCM 110106 Export, subtype ISO 21089 disclose, action R, agents the sender (Source Role ID) and the
 *       recipient (Destination Role ID), entities the patient and the resource type disclosed;</li>
 *   <li>every admin change is a RESTful application activity in the manner of BALP's Basic Create/Read/Update/Delete
 *       and Execute patterns: type audit-event-type rest, action and subtype (the restful interaction) as its
 *       {@link AdminAction} says, the officer as requesting agent; a refused console sign-in has outcome 4.</li>
 *   <li>every receipt by a recipient (the delivery read or acknowledged on the REST mailbox, a push answered ok, a
 *       response message acknowledging it) is a disclosure as seen at the recipient,
 *       {@code IHE.BasicAudit.PrivacyDisclosure.Recipient}: type DCM 110107 Import, action C, subtypes ISO 21089
 *       disclose (which the profile requires) and receive, agents the sender (Source Role ID) and the recipient
 *       (Destination Role ID, with how it received as its network address), entities the patient, each resource type
 *       in the delivery, the agreement clauses and the message. BALP expects the recipient itself to be the audit
 *       source ({@code val-audit-source}); here the hub observes the receipt on the recipient's behalf, so
 *       {@code source.observer} is the hub and a strict validator will say so.</li>
 * </ul>
 */
public final class BalpAuditEvents {

    static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";
    static final String AUTHZ_CONSENT = BALP + "IHE.BasicAudit.AuthZconsent";
    static final String DISCLOSURE_SOURCE = BALP + "IHE.BasicAudit.PrivacyDisclosure.Source";
    static final String DISCLOSURE_RECIPIENT = BALP + "IHE.BasicAudit.PrivacyDisclosure.Recipient";
    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String AUTHZ_SUBTYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
    static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";
    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL = "http://hl7.org/fhir/restful-interaction";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String HUB_AGREEMENTS = "https://vanguard-hub.org/fhir/Id/agreement";
    static final String HUB_MESSAGES = "https://vanguard-hub.org/fhir/Id/message";
    static final String HUB_NAME = "vanguard-hub";

    /** The records as a searchset Bundle, newest first as searched. */
    public Bundle bundle(List<AuditRecordView> records) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(records.size());
        for (AuditRecordView record : records) {
            for (AuditEvent event : events(record)) {
                bundle.addEntry()
                        .setFullUrl("urn:uuid:"
                                + java.util.UUID.nameUUIDFromBytes(
                                        event.getId().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .setResource(event)
                        .getSearch()
                        .setMode(Bundle.SearchEntryMode.MATCH);
            }
        }
        return bundle;
    }

    /** The events one record gives: one for an admin change, a receipt or a deny, two for a permit at dispatch. */
    public List<AuditEvent> events(AuditRecordView record) {
        if (record.isReceipt()) {
            return List.of(receipt(record));
        }
        if (!record.isDecision()) {
            return List.of(adminChange(record));
        }
        List<AuditEvent> events = new ArrayList<>(List.of(decision(record)));
        if ("PERMIT".equals(record.outcome()) && AuditRow.DISPATCH.equals(record.kind())) {
            events.add(disclosure(record));
        }
        return events;
    }

    private AuditEvent decision(AuditRecordView record) {
        AuditEvent event = base(record, "audit-" + record.seq(), AUTHZ_CONSENT);
        event.setType(new Coding(DCM, "110113", "Security Alert"));
        event.addSubtype(new Coding(AUTHZ_SUBTYPE, "AuthZ-Consent", "Authorization Decision using Roles and Consent"));
        event.setAction(AuditEventAction.E);
        boolean permit = "PERMIT".equals(record.outcome());
        event.setOutcome(permit ? AuditEventOutcome._0 : AuditEventOutcome._8);
        String explained = String.join(" ", record.explanation());
        event.setOutcomeDesc(
                permit
                        ? "Permit under " + record.agreement()
                        : "Deny " + String.join(",", record.reasons()) + " (" + record.rule() + "): " + explained);
        purposes(event, record);
        if (record.emergencyReason() != null) {
            event.setOutcomeDesc(
                    "Emergency override (reason " + record.emergencyReason() + "). " + event.getOutcomeDesc());
        }
        event.addAgent(organisation(record.sender())
                .setType(concept(DCM, "110150", "Application"))
                .setRequestor(false)
                .setNetwork(new AuditEvent.AuditEventAgentNetworkComponent()
                        .setAddress("ods:" + record.sender())
                        .setType(AuditEventAgentNetworkType._5)));
        AuditEventAgentComponent user = organisation(record.recipient())
                .setRequestor(true)
                .setType(concept(
                        "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"));
        if (record.purpose() != null) {
            Purpose purpose = Purpose.fromCode(record.purpose());
            user.addPurposeOfUse(concept(purpose.system(), purpose.code(), purpose.display()));
        }
        event.addAgent(user);
        event.addAgent(organisation(record.recipient())
                .setRequestor(false)
                .setType(concept("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", "healthcare provider")));
        event.addAgent(new AuditEventAgentComponent()
                .setRequestor(false)
                .setWho(hub())
                .setType(concept(
                        "http://terminology.hl7.org/CodeSystem/extra-security-role-type",
                        "authserver",
                        "authorization server")));
        event.addEntity(patient(record));
        event.addEntity(new AuditEventEntityComponent()
                .setType(new Coding(RESOURCE_TYPES, "Consent", "Consent"))
                .setWhat(new Reference()
                        .setDisplay("the consent and objections on file for patient " + record.nhsNumber()
                                + " when the decision was taken"))
                .setDescription(explained));
        if (record.agreement() != null) {
            event.addEntity(agreement(record.agreement()));
        }
        event.addEntity(message(record));
        return event;
    }

    private AuditEvent disclosure(AuditRecordView record) {
        AuditEvent event = base(record, "audit-" + record.seq() + "-disclosure", DISCLOSURE_SOURCE);
        event.setType(new Coding(DCM, "110106", "Export"));
        event.addSubtype(new Coding(LIFECYCLE, "disclose", "Disclose Record Lifecycle Event"));
        event.setAction(AuditEventAction.R);
        event.setOutcome(AuditEventOutcome._0);
        event.setOutcomeDesc(
                record.resourceType() + " disclosed to " + record.recipient() + " under " + record.agreement());
        purposes(event, record);
        event.addAgent(organisation(record.sender())
                .setType(concept(DCM, "110153", "Source Role ID"))
                .setRequestor(true)
                .setNetwork(new AuditEvent.AuditEventAgentNetworkComponent()
                        .setAddress("ods:" + record.sender())
                        .setType(AuditEventAgentNetworkType._5)));
        event.addAgent(organisation(record.recipient())
                .setType(concept(DCM, "110152", "Destination Role ID"))
                .setRequestor(false)
                .setNetwork(new AuditEvent.AuditEventAgentNetworkComponent()
                        .setAddress("mailbox:" + record.recipient())
                        .setType(AuditEventAgentNetworkType._5)));
        event.addEntity(patient(record));
        event.addEntity(new AuditEventEntityComponent()
                .setType(new Coding(RESOURCE_TYPES, record.resourceType(), null))
                .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
                .setWhat(new Reference()
                        .setType(record.resourceType())
                        .setDisplay(record.resourceType() + " of message " + record.messageId())));
        event.addEntity(agreement(record.agreement()));
        return event;
    }

    private AuditEvent receipt(AuditRecordView record) {
        AuditEvent event = base(record, "audit-" + record.seq() + "-receipt", DISCLOSURE_RECIPIENT);
        event.setType(new Coding(DCM, "110107", "Import"));
        event.addSubtype(lifecycle(Iso21089Lifecycle.DISCLOSE));
        event.addSubtype(lifecycle(Iso21089Lifecycle.RECEIVE));
        event.setAction(AuditEventAction.C);
        event.setOutcome(AuditEventOutcome._0);
        event.setOutcomeDesc("Delivery " + record.deliveryId() + " received by " + record.recipient() + " ("
                + record.action() + ")");
        purposes(event, record);
        event.addAgent(organisation(record.sender())
                .setType(concept(DCM, "110153", "Source Role ID"))
                .setRequestor(false)
                .setNetwork(new AuditEvent.AuditEventAgentNetworkComponent()
                        .setAddress("ods:" + record.sender())
                        .setType(AuditEventAgentNetworkType._5)));
        event.addAgent(organisation(record.recipient())
                .setType(concept(DCM, "110152", "Destination Role ID"))
                .setRequestor(true)
                .setNetwork(new AuditEvent.AuditEventAgentNetworkComponent()
                        .setAddress(record.action() + ":" + record.recipient())
                        .setType(AuditEventAgentNetworkType._5)));
        event.addEntity(patient(record));
        for (String type : split(record.resourceType())) {
            event.addEntity(new AuditEventEntityComponent()
                    .setType(new Coding(RESOURCE_TYPES, type, null))
                    .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
                    .setWhat(new Reference().setType(type).setDisplay(type + " of message " + record.messageId())));
        }
        for (String agreement : split(record.agreement())) {
            event.addEntity(agreement(agreement));
        }
        event.addEntity(message(record).setDescription("delivery " + record.deliveryId()));
        return event;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static Coding lifecycle(Iso21089Lifecycle code) {
        return new Coding(code.getSystem(), code.toCode(), code.getDisplay());
    }

    private AuditEvent adminChange(AuditRecordView record) {
        AuditEvent event = base(record, "audit-" + record.seq(), null);
        event.setType(new Coding(EVENT_TYPE, "rest", "RESTful Operation"));
        AdminAction action = AdminAction.named(record.action()).orElse(null);
        if (action != null) {
            event.addSubtype(new Coding(RESTFUL, action.interaction(), action.interaction()));
            event.setAction(action.code());
            event.setOutcome(action.refused() ? AuditEventOutcome._4 : AuditEventOutcome._0);
        } else {
            // Recorded by an earlier release under a name no longer used: what it did is only in its words.
            event.setAction(AuditEventAction.E);
            event.setOutcome(AuditEventOutcome._0);
        }
        event.setOutcomeDesc(record.action() + ": " + String.join(" ", record.explanation()));
        event.addAgent(new AuditEventAgentComponent()
                .setRequestor(true)
                .setName(record.actor())
                .setWho(new Reference().setDisplay(record.actor()))
                .setType(concept(
                        "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "AUT", "author (originator)")));
        if (record.nhsNumber() != null) {
            event.addEntity(patient(record));
        }
        if (record.recipient() != null) {
            event.addEntity(new AuditEventEntityComponent()
                    .setType(new Coding(RESOURCE_TYPES, "Organization", "Organization"))
                    .setWhat(new Reference().setIdentifier(ods(record.recipient()))));
        }
        if (record.agreement() != null) {
            event.addEntity(agreement(record.agreement()));
        }
        return event;
    }

    private static AuditEvent base(AuditRecordView record, String id, @Nullable String profile) {
        AuditEvent event = new AuditEvent();
        event.setId(id);
        if (profile != null) {
            event.getMeta().addProfile(profile);
        }
        event.setRecorded(Date.from(record.recordedAt()));
        event.getSource()
                .setSite(HUB_NAME)
                .setObserver(hub())
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        return event;
    }

    private static void purposes(AuditEvent event, AuditRecordView record) {
        if (record.purpose() != null) {
            Purpose purpose = Purpose.fromCode(record.purpose());
            event.addPurposeOfEvent(concept(purpose.system(), purpose.code(), purpose.display()));
        }
        if (record.emergencyReason() != null) {
            if (!"ETREAT".equals(record.purpose())) {
                event.addPurposeOfEvent(concept(Purpose.ACT_REASON_SYSTEM, "ETREAT", "Emergency Treatment"));
            }
            event.addPurposeOfEvent(concept(Purpose.ACT_REASON_SYSTEM, "BTG", "break the glass"));
        }
    }

    private static AuditEventEntityComponent patient(AuditRecordView record) {
        return new AuditEventEntityComponent()
                .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient"))
                .setWhat(new Reference()
                        .setType("Patient")
                        .setIdentifier(new Identifier()
                                .setSystem(HubProfiles.NHS_NUMBER_SYSTEM)
                                .setValue(record.nhsNumber())));
    }

    private static AuditEventEntityComponent agreement(String reference) {
        return new AuditEventEntityComponent()
                .setType(new Coding(RESOURCE_TYPES, "Contract", "Contract"))
                .setWhat(new Reference()
                        .setType("Contract")
                        .setDisplay(reference)
                        .setIdentifier(
                                new Identifier().setSystem(HUB_AGREEMENTS).setValue(reference)));
    }

    private static AuditEventEntityComponent message(AuditRecordView record) {
        return new AuditEventEntityComponent()
                .setType(new Coding(RESOURCE_TYPES, "Bundle", "Bundle"))
                .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
                .setWhat(new Reference()
                        .setType("Bundle")
                        .setIdentifier(new Identifier().setSystem(HUB_MESSAGES).setValue(record.messageId())))
                .setDescription(record.resourceType());
    }

    private static AuditEventAgentComponent organisation(String ods) {
        return new AuditEventAgentComponent()
                .setWho(new Reference().setType("Organization").setIdentifier(ods(ods)));
    }

    private static Identifier ods(String ods) {
        return new Identifier().setSystem(HubProfiles.ODS_SYSTEM).setValue(ods);
    }

    private static Reference hub() {
        return new Reference().setType("Device").setDisplay(HUB_NAME);
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }
}
