package org.vanguard.profiles.validation;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;

/**
 * The hub's profiles checked directly in Java, fast enough to run on every message: base R4 minimum
 * cardinalities and the R4 invariants our resources can break (per-1, pat-1, cpl-3, ppc-1, bdl-1 to bdl-12),
 * then each hub profile's own rules (the NHS number slice and its Modulus 11 invariant, the patient
 * reference, the patient-privacy scope, the event binding, ODS-named sender and receivers, the message
 * Bundle). It works on a resource already parsed by {@code FhirParsing}, which refuses unknown elements,
 * malformed primitives and codes outside required bindings of coded types, so those are not repeated here.
 * <p>
 * {@link FullProfileValidator} (HAPI) is the reference: the differential corpus test proves both give the
 * same accept/reject verdict. A rule added to a StructureDefinition must be added here as well; the corpus
 * test is where a missing one shows. Locations are FHIRPath; texts say what to fix.
 */
public final class FastProfileValidator {

    private static final FastProfileValidator STANDARD = new FastProfileValidator(true);
    private static final FastProfileValidator WITHOUT_CHECK_DIGITS = new FastProfileValidator(false);

    private static final String CONSENT_SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    private static final Pattern UUID_URN =
            Pattern.compile("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern OID_URN = Pattern.compile("urn:oid:[0-2](\\.(0|[1-9][0-9]*))+");

    private final FhirContext context = FhirParsing.context();
    private final boolean checkDigits;

    private FastProfileValidator(boolean checkDigits) {
        this.checkDigits = checkDigits;
    }

    /** Every rule of the hub's profiles. Thread-safe and shared. */
    public static FastProfileValidator standard() {
        return STANDARD;
    }

    /**
     * Every rule except the NHS number's digits (hub-nhs-1, hub-nhs-2), for a caller that checks them
     * itself right after, with the same Modulus 11 rule, so that the sender hears of a bad number once.
     */
    public static FastProfileValidator withoutCheckDigits() {
        return WITHOUT_CHECK_DIGITS;
    }

    /** Every violation of the hub profile of the resource's type (or of base R4 for types it does not profile). */
    public List<InputIssue> validate(Resource resource) {
        List<InputIssue> issues = new ArrayList<>();
        validate(resource, resource.fhirType(), issues);
        return issues;
    }

    /** As {@link #validate(Resource)}, with locations starting at {@code path}, e.g. {@code Bundle.entry[1].resource}. */
    public List<InputIssue> validate(Resource resource, String path) {
        List<InputIssue> issues = new ArrayList<>();
        validate(resource, path, issues);
        return issues;
    }

    private void validate(Resource resource, String path, List<InputIssue> issues) {
        walk(resource, context.getResourceDefinition(resource), path, issues);
        if (resource instanceof Patient patient) {
            patient(patient, path, issues);
        } else if (resource instanceof CarePlan carePlan) {
            carePlan(carePlan, path, issues);
        } else if (resource instanceof Consent consent) {
            consent(consent, path, issues);
        } else if (resource instanceof MessageHeader header) {
            messageHeader(header, path, issues);
        } else if (resource instanceof Bundle bundle && isMessageOrUntyped(bundle)) {
            bundle(bundle, path, issues);
        } else if (resource instanceof Bundle bundle
                && bundle.hasTotal()
                && bundle.getType() != Bundle.BundleType.SEARCHSET
                && bundle.getType() != Bundle.BundleType.HISTORY) {
            issues.add(InputIssue.invalid(path + ".total", "total is only for search sets and histories (R4 bdl-1)"));
        }
    }

    // ---- base R4: cardinality and datatype invariants, for every element -----------------------------

    private void walk(
            IBase element, BaseRuntimeElementCompositeDefinition<?> definition, String path, List<InputIssue> issues) {
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            List<IBase> values = child.getAccessor().getValues(element);
            String name = child.getElementName();
            if (name.endsWith("[x]")) {
                name = name.substring(0, name.length() - 3);
            }
            int present = 0;
            for (IBase value : values) {
                if (!value.isEmpty()) {
                    present++;
                }
            }
            if (present < child.getMin()) {
                issues.add(InputIssue.required(
                        path + "." + name,
                        definition.getName() + "." + name + " is required (minimum " + child.getMin() + ", FHIR R4)"));
            }
            boolean repeats = child.getMax() != 1;
            for (int i = 0; i < values.size(); i++) {
                IBase value = values.get(i);
                if (value instanceof IPrimitiveType<?> || value.isEmpty()) {
                    continue;
                }
                String at = path + "." + name + (repeats ? "[" + i + "]" : "");
                if (value instanceof Resource resource) {
                    if (element instanceof Bundle.BundleEntryComponent) {
                        validate(resource, at, issues);
                    } else {
                        walk(resource, context.getResourceDefinition(resource), at, issues);
                    }
                    continue;
                }
                BaseRuntimeElementDefinition<?> valueDefinition = context.getElementDefinition(value.getClass());
                if (valueDefinition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                    walk(value, composite, at, issues);
                }
                if (value instanceof Period period) {
                    period(period, at, issues);
                }
            }
        }
    }

    /** R4 per-1: a period does not end before it starts (compared when both are given to the same precision). */
    private static void period(Period period, String at, List<InputIssue> issues) {
        BaseDateTimeType start = period.getStartElement();
        BaseDateTimeType end = period.getEndElement();
        if (start.getValue() != null
                && end.getValue() != null
                && start.getPrecision() == end.getPrecision()
                && end.getValue().before(start.getValue())) {
            issues.add(InputIssue.value(
                    at,
                    "the period ends (" + end.getValueAsString() + ") before it starts (" + start.getValueAsString()
                            + ") (R4 per-1)"));
        }
    }

    // ---- hub-patient ----------------------------------------------------------------------------------

    private void patient(Patient patient, String path, List<InputIssue> issues) {
        List<Identifier> identifiers = patient.getIdentifier();
        int found = 0;
        for (int i = 0; i < identifiers.size(); i++) {
            Identifier identifier = identifiers.get(i);
            if (!HubProfiles.NHS_NUMBER_SYSTEM.equals(identifier.getSystem())) {
                continue;
            }
            found++;
            String at = path + ".identifier[" + i + "]";
            if (found > 1) {
                issues.add(
                        InputIssue.invalid(at, "a Patient has one NHS number (hub-patient, as UK Core), not several"));
            }
            nhsNumberValue(identifier, at, issues);
        }
        if (found == 0) {
            issues.add(InputIssue.required(
                    path + ".identifier",
                    "the Patient has no NHS number identifier (" + HubProfiles.NHS_NUMBER_SYSTEM
                            + "); the hub identifies every patient by it (hub-patient)"));
        }
        for (int i = 0; i < patient.getContact().size(); i++) {
            Patient.ContactComponent contact = patient.getContact().get(i);
            if (!contact.hasName() && !contact.hasTelecom() && !contact.hasAddress() && !contact.hasOrganization()) {
                issues.add(InputIssue.invalid(
                        path + ".contact[" + i + "]",
                        "a contact has a name, telecom, address or organization (R4 pat-1)"));
            }
        }
    }

    private void nhsNumberValue(Identifier identifier, String at, List<InputIssue> issues) {
        if (!identifier.hasValue()) {
            issues.add(InputIssue.required(at + ".value", "the NHS number identifier has no value"));
        } else if (checkDigits) {
            NhsNumberCheck.problem(identifier.getValue())
                    .ifPresent(problem -> issues.add(InputIssue.value(at + ".value", problem)));
        }
    }

    // ---- hub-careplan and hub-consent: the patient reference -------------------------------------------

    private void carePlan(CarePlan carePlan, String path, List<InputIssue> issues) {
        if (carePlan.hasSubject()) {
            patientReference(carePlan.getSubject(), path + ".subject", "CarePlan.subject", issues);
        }
        for (int i = 0; i < carePlan.getActivity().size(); i++) {
            CarePlan.CarePlanActivityComponent activity = carePlan.getActivity().get(i);
            if (activity.hasDetail() && activity.hasReference()) {
                issues.add(InputIssue.invalid(
                        path + ".activity[" + i + "]", "an activity has a detail or a reference, not both (R4 cpl-3)"));
            }
        }
    }

    private void consent(Consent consent, String path, List<InputIssue> issues) {
        boolean privacy = false;
        for (Coding coding : consent.getScope().getCoding()) {
            privacy |= CONSENT_SCOPE_SYSTEM.equals(coding.getSystem()) && "patient-privacy".equals(coding.getCode());
        }
        if (consent.hasScope() && !privacy) {
            issues.add(InputIssue.value(
                    path + ".scope",
                    "the hub accepts patient-privacy consents: scope must carry " + CONSENT_SCOPE_SYSTEM
                            + "#patient-privacy (hub-consent)"));
        }
        if (!consent.hasPatient()) {
            issues.add(InputIssue.required(
                    path + ".patient",
                    "Consent.patient is required: the hub records consent "
                            + "for a patient identified by NHS number (hub-consent)"));
        } else {
            patientReference(consent.getPatient(), path + ".patient", "Consent.patient", issues);
        }
        if (!consent.hasPolicy() && !consent.hasPolicyRule()) {
            issues.add(
                    InputIssue.required(path + ".policyRule", "a Consent names a policy or a policyRule (R4 ppc-1)"));
        }
    }

    /** hub-ref-1, hub-ref-2, hub-nhs-2: the patient, by NHS number or by reference to the Patient in the message. */
    private void patientReference(Reference reference, String at, String element, List<InputIssue> issues) {
        if (!reference.hasIdentifier() && !reference.hasReference()) {
            issues.add(InputIssue.required(
                    at,
                    element + " identifies the patient by NHS number or references the "
                            + "Patient in the message (hub-ref-1)"));
            return;
        }
        if (!reference.hasIdentifier()) {
            return;
        }
        Identifier identifier = reference.getIdentifier();
        if (!HubProfiles.NHS_NUMBER_SYSTEM.equals(identifier.getSystem())) {
            issues.add(InputIssue.value(
                    at + ".identifier.system",
                    element + " identifies the patient by NHS number (" + HubProfiles.NHS_NUMBER_SYSTEM
                            + ") (hub-ref-2)"));
            return;
        }
        nhsNumberValue(identifier, at + ".identifier", issues);
    }

    // ---- hub-messageheader ----------------------------------------------------------------------------

    private static void messageHeader(MessageHeader header, String path, List<InputIssue> issues) {
        if (header.hasEvent() && !header.hasEventCoding()) {
            issues.add(InputIssue.invalid(
                    path + ".event",
                    "the event is a Coding from " + HubProfiles.EVENT_SYSTEM + " (hub-messageheader)"));
        } else if (header.hasEventCoding()) {
            Coding event = header.getEventCoding();
            // A code without system is read against the bound value set, whose codes all come from one system.
            if (event.hasSystem() && !HubProfiles.EVENT_SYSTEM.equals(event.getSystem())) {
                issues.add(InputIssue.value(
                        path + ".eventCoding.system",
                        "the event's system must be " + HubProfiles.EVENT_SYSTEM + " (required binding to "
                                + HubProfiles.EVENT_VALUE_SET + ")"));
            } else if (!HubProfiles.eventCodes().contains(event.getCode())) {
                issues.add(InputIssue.value(
                        path + ".eventCoding.code",
                        "unknown event '" + event.getCode() + "'; expected one of " + HubProfiles.eventCodes()));
            }
        }
        for (int i = 0; i < header.getDestination().size(); i++) {
            MessageHeader.MessageDestinationComponent destination =
                    header.getDestination().get(i);
            organisation(
                    destination.getReceiver(),
                    path + ".destination[" + i + "].receiver",
                    "a destination's receiver",
                    issues);
        }
        organisation(header.getSender(), path + ".sender", "MessageHeader.sender", issues);
    }

    private static void organisation(Reference reference, String at, String what, List<InputIssue> issues) {
        if (reference.isEmpty()) {
            issues.add(InputIssue.required(
                    at, what + " is required and names an organisation by ODS code (hub-messageheader)"));
        } else if (!reference.hasIdentifier()) {
            issues.add(InputIssue.required(
                    at + ".identifier", what + " names the organisation by its ODS code identifier"));
        } else {
            if (!reference.getIdentifier().hasSystem()) {
                issues.add(InputIssue.required(
                        at + ".identifier.system",
                        what + "'s identifier needs its system (" + HubProfiles.ODS_SYSTEM + ")"));
            }
            if (!reference.getIdentifier().hasValue()) {
                issues.add(InputIssue.required(
                        at + ".identifier.value", what + "'s identifier needs its value, the ODS code"));
            }
        }
    }

    // ---- hub-message (Bundle) -------------------------------------------------------------------------

    /**
     * The message rules are for messages: a searchset or collection is base R4 with profiled entries. A Bundle
     * without a type is held to them too, so a sender who forgot {@code type} hears what a message needs.
     */
    private static boolean isMessageOrUntyped(Bundle bundle) {
        return !bundle.hasType()
                || bundle.getType() == Bundle.BundleType.MESSAGE
                || bundle.getType() == Bundle.BundleType.NULL;
    }

    private static void bundle(Bundle bundle, String path, List<InputIssue> issues) {
        if (bundle.getType() != Bundle.BundleType.MESSAGE) {
            issues.add(InputIssue.value(
                    path + ".type",
                    "a message must be a Bundle of type 'message', not '"
                            + (bundle.getType() == null
                                    ? "(none)"
                                    : bundle.getType().toCode()) + "' (hub-message)"));
        }
        if (bundle.hasTotal()) {
            issues.add(InputIssue.invalid(path + ".total", "total is only for search sets and histories (R4 bdl-1)"));
        }
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        if (entries.isEmpty()) {
            issues.add(InputIssue.required(
                    path + ".entry", "a message has at least its MessageHeader entry (hub-message)"));
            return;
        }
        Set<String> fullUrls = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            String at = path + ".entry[" + i + "]";
            if (entry.hasSearch()) {
                issues.add(InputIssue.invalid(at + ".search", "entry.search is only for search sets (R4 bdl-2)"));
            }
            if (entry.hasRequest()) {
                issues.add(InputIssue.invalid(
                        at + ".request", "entry.request is only for batches, transactions and histories (R4 bdl-3)"));
            }
            if (entry.hasResponse()) {
                issues.add(InputIssue.invalid(
                        at + ".response", "entry.response is only for responses and histories (R4 bdl-4)"));
            }
            if (!entry.hasResource()) {
                issues.add(InputIssue.required(
                        at + ".resource", "every entry of a message carries a resource (R4 bdl-5)"));
            }
            if (!entry.hasFullUrl()) {
                issues.add(InputIssue.required(
                        at + ".fullUrl",
                        "every entry of a message has a fullUrl, the identity "
                                + "references in the message resolve to (hub-message)"));
                continue;
            }
            String fullUrl = entry.getFullUrl();
            if (fullUrl.startsWith("urn:uuid:") && !UUID_URN.matcher(fullUrl).matches()
                    || fullUrl.startsWith("urn:oid:")
                            && !OID_URN.matcher(fullUrl).matches()) {
                issues.add(InputIssue.value(
                        at + ".fullUrl",
                        "'" + fullUrl + "' is not a valid UUID or OID URN " + "(UUIDs in lower case)"));
            }
            if (fullUrl.contains("/_history/")) {
                issues.add(InputIssue.value(at + ".fullUrl", "a fullUrl is not version specific (R4 bdl-8)"));
            }
            String versionId =
                    entry.hasResource() ? entry.getResource().getMeta().getVersionId() : null;
            if (!fullUrls.add(fullUrl + "|" + versionId)) {
                issues.add(InputIssue.invalid(at + ".fullUrl", "fullUrl '" + fullUrl + "' appears twice (R4 bdl-7)"));
            }
        }
        if (bundle.getType() == Bundle.BundleType.MESSAGE && !(entries.get(0).getResource() instanceof MessageHeader)) {
            issues.add(InputIssue.required(
                    path + ".entry[0].resource", "the first entry of a message is its MessageHeader (R4 bdl-12)"));
        } else if (entries.get(0).getResource() instanceof MessageHeader header) {
            List<Reference> focus = header.getFocus();
            for (int i = 0; i < focus.size(); i++) {
                String reference = focus.get(i).getReference();
                if (reference != null && !resolves(reference, entries)) {
                    issues.add(
                            InputIssue.invalid(
                                    path + ".entry[0].resource.focus[" + i + "]",
                                    "focus '" + reference
                                            + "' is not an entry of the message (FHIR messaging: the focus travels with the message)"));
                }
            }
        }
    }

    private static boolean resolves(String reference, List<Bundle.BundleEntryComponent> entries) {
        for (Bundle.BundleEntryComponent entry : entries) {
            String fullUrl = entry.getFullUrl();
            if (fullUrl != null && (fullUrl.equals(reference) || fullUrl.endsWith("/" + reference))) {
                return true;
            }
        }
        return false;
    }
}
