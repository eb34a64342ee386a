package org.vanguard.profiles.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.validation.FastProfileValidator;

/**
 * Reads a parsed resource as a hub message (FHIR R4 messaging: Bundle.type message, MessageHeader
 * first) and collects every structural problem at once, each with its FHIRPath location, so a sender
 * fixes its message in one round trip.
 * <p>
 * A message that reads well is then held to the hub's profiles (hub-message, hub-messageheader and the
 * profile of each entry's type) by the fast validator, on every read: intake and dispatch alike. The NHS
 * number's check digit is the one profile rule left to the caller's next step, governance's NhsNumber,
 * which checks the message's patient with the same Modulus 11 rule and reports it once, with the other
 * codes (ODS, purpose) it checks; checking it here as well would refuse before those were heard.
 */
public final class MessageReader {

    /** NHS numbers' identifier system (UK Core). */
    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    /** ODS organisation codes' identifier system. */
    public static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    /** Systems whose codes in Bundle.meta.security name the purpose of use. */
    static final Set<String> PURPOSE_SYSTEMS = Set.of(
            "http://terminology.hl7.org/CodeSystem/v3-ActReason",
            "https://vanguard-hub.org/fhir/CodeSystem/purpose-of-use");

    private static final FastProfileValidator PROFILES = FastProfileValidator.withoutCheckDigits();

    public MessageContent read(Resource resource) {
        if (!(resource instanceof Bundle bundle)) {
            throw invalid(InputIssue.invalid(
                    resource.fhirType(), "expected a Bundle of type message, got a " + resource.fhirType()));
        }
        if (bundle.getType() != Bundle.BundleType.MESSAGE) {
            throw invalid(InputIssue.value(
                    "Bundle.type",
                    "a message must be a Bundle of type 'message', not '"
                            + (bundle.getType() == null
                                    ? "(none)"
                                    : bundle.getType().toCode()) + "'"));
        }
        if (bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof MessageHeader header)) {
            throw invalid(InputIssue.required(
                    "Bundle.entry[0].resource", "the first entry of a message must be its MessageHeader"));
        }
        List<InputIssue> issues = new ArrayList<>();
        IdAndTextRules.check(bundle, issues);
        String h = "Bundle.entry[0].resource";

        HubEvent event = readEvent(header, h, issues);
        Located sender = readSender(header, h, issues);
        List<Located> destinations = readDestinations(header, h, issues);
        Optional<Located> purpose = readPurpose(bundle, issues);

        Set<String> types = new LinkedHashSet<>();
        Map<String, Located> nhsNumbers = new LinkedHashMap<>();
        List<Located> practices = new ArrayList<>();
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 1; i < entries.size(); i++) {
            Resource entry = entries.get(i).getResource();
            String at = "Bundle.entry[" + i + "].resource";
            if (entry == null) {
                issues.add(InputIssue.required(at, "every entry of a message carries a resource"));
                continue;
            }
            if (entry instanceof MessageHeader) {
                issues.add(InputIssue.invalid(at, "a message has exactly one MessageHeader, first"));
                continue;
            }
            types.add(entry.fhirType());
            if (entry instanceof Patient patient) {
                readPatient(patient, at, nhsNumbers, practices, issues);
            } else if (entry instanceof CarePlan carePlan) {
                readCarePlan(carePlan, at, bundle, nhsNumbers, issues);
            } else if (entry instanceof Consent consent) {
                readSubject(consent.getPatient(), "Consent.patient", at + ".patient", bundle, nhsNumbers, issues);
            }
        }
        if (event != null && !types.contains(event.requiredResource())) {
            issues.add(InputIssue.required(
                    "Bundle.entry", "a " + event.code() + " message must carry a " + event.requiredResource()));
        }
        Located nhsNumber = null;
        if (nhsNumbers.isEmpty() && issues.isEmpty()) {
            issues.add(InputIssue.required(
                    "Bundle.entry",
                    "the message does not identify its patient by NHS number (" + NHS_NUMBER_SYSTEM + ")"));
        } else if (nhsNumbers.size() > 1) {
            List<Located> all = List.copyOf(nhsNumbers.values());
            issues.add(InputIssue.invalid(
                    all.get(1).location(),
                    "a message concerns one patient, but it names NHS numbers " + nhsNumbers.keySet()));
        } else if (!nhsNumbers.isEmpty()) {
            nhsNumber = nhsNumbers.values().iterator().next();
        }
        if (!issues.isEmpty()) {
            throw invalid(issues);
        }
        // Each part that could not be read added an issue, so with none they were all read.
        event = Objects.requireNonNull(event);
        if (!event.accepted()) {
            throw new FhirInputException(
                    Rejection.NOT_SUPPORTED,
                    InputIssue.invalid(
                            h + ".eventCoding", "the hub does not yet process " + event.code() + " messages"));
        }
        List<InputIssue> profileIssues = PROFILES.validate(bundle);
        if (!profileIssues.isEmpty()) {
            throw invalid(profileIssues);
        }
        return new MessageContent(
                bundle,
                event,
                headerId(header, bundle),
                Objects.requireNonNull(sender),
                destinations,
                Objects.requireNonNull(nhsNumber),
                practices,
                types,
                purpose);
    }

    /**
     * The MessageHeader's logical id, which a response message quotes. Inside a Bundle HAPI may give the
     * header its entry's fullUrl ({@code urn:uuid:...}); the logical id is the part after it.
     */
    private static String headerId(MessageHeader header, Bundle bundle) {
        String id = header.getIdElement().getIdPart();
        if (id == null) {
            id = bundle.getEntryFirstRep().getFullUrl();
        }
        if (id != null && id.startsWith("urn:uuid:")) {
            id = id.substring("urn:uuid:".length());
        }
        return id;
    }

    private static @Nullable HubEvent readEvent(MessageHeader header, String h, List<InputIssue> issues) {
        if (!header.hasEventCoding()) {
            issues.add(InputIssue.required(
                    h + ".eventCoding",
                    "the MessageHeader needs an eventCoding from " + HubEvent.SYSTEM + ", one of "
                            + HubEvent.knownCodes()));
            return null;
        }
        Coding coding = header.getEventCoding();
        if (coding.hasSystem() && !HubEvent.SYSTEM.equals(coding.getSystem())) {
            issues.add(InputIssue.value(
                    h + ".eventCoding.system",
                    "unknown event system '" + coding.getSystem() + "'; the hub's events are in " + HubEvent.SYSTEM));
            return null;
        }
        Optional<HubEvent> event = HubEvent.fromCode(coding.getCode());
        if (event.isEmpty()) {
            issues.add(InputIssue.value(
                    h + ".eventCoding.code",
                    "unknown event '" + coding.getCode() + "'; expected one of " + HubEvent.knownCodes()));
            return null;
        }
        return event.get();
    }

    private static @Nullable Located readSender(MessageHeader header, String h, List<InputIssue> issues) {
        Identifier identifier = header.getSender().getIdentifier();
        if (!header.hasSender() || !identifier.hasValue() || !isOds(identifier)) {
            issues.add(InputIssue.required(
                    h + ".sender.identifier",
                    "MessageHeader.sender must name the sending " + "organisation by its ODS code (" + ODS_SYSTEM
                            + ")"));
            return null;
        }
        return new Located(identifier.getValue(), h + ".sender.identifier.value");
    }

    private static List<Located> readDestinations(MessageHeader header, String h, List<InputIssue> issues) {
        List<Located> destinations = new ArrayList<>();
        for (int i = 0; i < header.getDestination().size(); i++) {
            MessageHeader.MessageDestinationComponent destination =
                    header.getDestination().get(i);
            String at = h + ".destination[" + i + "].receiver.identifier";
            Identifier identifier = destination.getReceiver().getIdentifier();
            if (!identifier.hasValue() || !isOds(identifier)) {
                issues.add(InputIssue.required(
                        at,
                        "a destination's receiver must name an organisation or team by " + "ODS code (" + ODS_SYSTEM
                                + ")"));
                continue;
            }
            destinations.add(new Located(identifier.getValue(), at + ".value"));
        }
        return destinations;
    }

    private static Optional<Located> readPurpose(Bundle bundle, List<InputIssue> issues) {
        List<Located> found = new ArrayList<>();
        List<Coding> security = bundle.getMeta().getSecurity();
        for (int i = 0; i < security.size(); i++) {
            Coding coding = security.get(i);
            if (coding.hasSystem() && PURPOSE_SYSTEMS.contains(coding.getSystem())) {
                found.add(new Located(coding.getCode(), "Bundle.meta.security[" + i + "].code"));
            }
        }
        if (found.size() > 1) {
            issues.add(InputIssue.invalid(
                    found.get(1).location(),
                    "a message declares one purpose of use, not "
                            + found.stream().map(Located::value).toList()));
        }
        return found.stream().findFirst();
    }

    private static void readPatient(
            Patient patient,
            String at,
            Map<String, Located> nhsNumbers,
            List<Located> practices,
            List<InputIssue> issues) {
        List<Identifier> identifiers = patient.getIdentifier();
        boolean found = false;
        for (int i = 0; i < identifiers.size(); i++) {
            Identifier identifier = identifiers.get(i);
            if (isNhsNumber(identifier)) {
                found = true;
                nhsNumbers.putIfAbsent(
                        normalise(identifier.getValue()),
                        new Located(identifier.getValue(), at + ".identifier[" + i + "].value"));
            }
        }
        if (!found) {
            issues.add(InputIssue.required(
                    at + ".identifier", "the Patient has no NHS number identifier (" + NHS_NUMBER_SYSTEM + ")"));
        }
        List<Reference> gps = patient.getGeneralPractitioner();
        for (int i = 0; i < gps.size(); i++) {
            Identifier identifier = gps.get(i).getIdentifier();
            if (identifier.hasValue() && isOds(identifier)) {
                practices.add(
                        new Located(identifier.getValue(), at + ".generalPractitioner[" + i + "].identifier.value"));
            }
        }
    }

    private static void readCarePlan(
            CarePlan carePlan, String at, Bundle bundle, Map<String, Located> nhsNumbers, List<InputIssue> issues) {
        if (!carePlan.hasStatus()) {
            issues.add(InputIssue.required(at + ".status", "CarePlan.status is required (FHIR R4)"));
        }
        if (!carePlan.hasIntent()) {
            issues.add(InputIssue.required(at + ".intent", "CarePlan.intent is required (FHIR R4)"));
        }
        if (!carePlan.hasSubject()) {
            issues.add(InputIssue.required(at + ".subject", "CarePlan.subject is required (FHIR R4)"));
            return;
        }
        readSubject(carePlan.getSubject(), "CarePlan.subject", at + ".subject", bundle, nhsNumbers, issues);
    }

    /** The patient a CarePlan or Consent is about: by NHS number identifier, or by reference to the message's Patient. */
    private static void readSubject(
            Reference subject,
            String element,
            String at,
            Bundle bundle,
            Map<String, Located> nhsNumbers,
            List<InputIssue> issues) {
        if (subject.getIdentifier().hasValue()) {
            if (!isNhsNumber(subject.getIdentifier())) {
                issues.add(InputIssue.value(
                        at + ".identifier.system",
                        element + " must identify the " + "patient by NHS number (" + NHS_NUMBER_SYSTEM + ")"));
                return;
            }
            nhsNumbers.putIfAbsent(
                    normalise(subject.getIdentifier().getValue()),
                    new Located(subject.getIdentifier().getValue(), at + ".identifier.value"));
            return;
        }
        if (subject.hasReference() && resolvesInBundle(subject.getReference(), bundle)) {
            return;
        }
        issues.add(InputIssue.required(
                at,
                element + " must carry the patient's NHS number "
                        + "identifier or reference a Patient in the message"));
    }

    private static boolean resolvesInBundle(String reference, Bundle bundle) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (!(entry.getResource() instanceof Patient patient)) {
                continue;
            }
            if (reference.equals(entry.getFullUrl())
                    || reference.equals("Patient/" + patient.getIdElement().getIdPart())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOds(Identifier identifier) {
        return identifier.hasSystem()
                && ODS_SYSTEM.equalsIgnoreCase(identifier.getSystem().trim());
    }

    private static boolean isNhsNumber(Identifier identifier) {
        return identifier.hasSystem()
                && NHS_NUMBER_SYSTEM.equalsIgnoreCase(identifier.getSystem().trim())
                && identifier.hasValue();
    }

    private static String normalise(String nhsNumber) {
        return nhsNumber.replace(" ", "").replace("-", "");
    }

    private static FhirInputException invalid(InputIssue issue) {
        return new FhirInputException(Rejection.INVALID, issue);
    }

    private static FhirInputException invalid(List<InputIssue> issues) {
        return new FhirInputException(Rejection.INVALID, issues);
    }
}
