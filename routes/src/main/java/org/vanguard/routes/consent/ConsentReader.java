package org.vanguard.routes.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.consent.ConsentAction;
import org.vanguard.governance.consent.ConsentPeriod;
import org.vanguard.governance.consent.ConsentProvision;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.governance.consent.ConsentState;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.validation.ShippedCodeSystems;

/**
 * Reads a FHIR R4 Consent of scope {@code patient-privacy} into the governance model (IHE Privacy Consent
 * on FHIR): the patient by NHS number (or a reference the caller resolves), the status, when it was recorded, and the provision tree with its
 * actors (ODS codes), purposes (v3 ActReason), resource classes, security labels and periods. Every
 * problem is reported at once, each at its FHIRPath location.
 */
public final class ConsentReader {

    static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String RESOURCE_TYPES_SYSTEM = "http://hl7.org/fhir/resource-types";
    private static final Set<String> PURPOSE_SYSTEMS = Set.of(Purpose.ACT_REASON_SYSTEM, Purpose.HUB_SYSTEM);

    /**
     * How a Consent that names its patient by reference ({@code Consent.patient.reference}) rather than by NHS number
     * is tied to a patient: in a consent-update message, the message's patient; over REST, the Patient the sender has
     * shared with the hub under that id.
     */
    @FunctionalInterface
    public interface PatientReferences {

        /** The NHS number of the patient the reference names, if it can be told. */
        Optional<NhsNumber> resolve(String reference);

        /** A Consent must identify its patient by NHS number. */
        static PatientReferences none() {
            return reference -> Optional.empty();
        }
    }

    /**
     * @param location FHIRPath of the Consent itself, e.g. {@code Consent} or {@code Bundle.entry[1].resource}
     * @param recordedBy the authenticated participant that sent it
     */
    public ConsentRecord read(Consent consent, String location, OdsCode recordedBy) {
        return read(consent, location, recordedBy, PatientReferences.none());
    }

    /**
     * @param references how a reference to the patient (with no NHS number beside it) is resolved
     */
    public ConsentRecord read(Consent consent, String location, OdsCode recordedBy, PatientReferences references) {
        List<InputIssue> issues = new ArrayList<>();
        ConsentState state = null;
        if (!consent.hasStatus()) {
            issues.add(InputIssue.required(location + ".status", "Consent.status is required (FHIR R4)"));
        } else {
            state = ConsentState.valueOf(
                    consent.getStatus().toCode().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        if (!hasCoding(consent.getScope(), SCOPE_SYSTEM, "patient-privacy")) {
            issues.add(InputIssue.value(
                    location + ".scope",
                    "the hub keeps privacy Consents only: scope must be " + SCOPE_SYSTEM + "|patient-privacy"));
        }
        NhsNumber patient = readPatient(consent, location, references, issues);
        Instant dateTime = null;
        if (!consent.hasDateTime()) {
            issues.add(InputIssue.required(
                    location + ".dateTime",
                    "Consent.dateTime is required: the latest Consent "
                            + "supersedes earlier ones, so the hub must know when it was recorded"));
        } else {
            dateTime = consent.getDateTime().toInstant();
        }
        // FHIR R4 makes the root's type optional (the policy then decides): an unstated root decides nothing by itself.
        ConsentProvision root = readProvision(consent.getProvision(), "provision", location, issues);
        if (!issues.isEmpty()) {
            throw new FhirInputException(Rejection.INVALID, issues);
        }
        String localId = consent.getIdElement().hasIdPart()
                ? consent.getIdElement().getIdPart()
                : UUID.randomUUID().toString();
        if (localId.startsWith("urn:uuid:")) {
            localId = localId.substring("urn:uuid:".length());
        }
        // Each part that could not be read added an issue, so with none they were all read.
        return new ConsentRecord(
                recordedBy.value() + "/" + localId,
                Objects.requireNonNull(patient),
                Objects.requireNonNull(state),
                Objects.requireNonNull(dateTime),
                Optional.of(recordedBy),
                root);
    }

    private static @Nullable NhsNumber readPatient(
            Consent consent, String location, PatientReferences references, List<InputIssue> issues) {
        Identifier identifier = consent.getPatient().getIdentifier();
        String reference = consent.getPatient().getReference();
        if (!identifier.hasValue() && reference != null && !reference.isBlank()) {
            Optional<NhsNumber> resolved = references.resolve(reference.trim());
            if (resolved.isEmpty()) {
                issues.add(new InputIssue(
                        IssueType.NOTFOUND,
                        location + ".patient.reference",
                        "'" + reference
                                + "' is not a Patient you have shared with the hub: send the Patient first, or identify the "
                                + "patient by NHS number (Consent.patient.identifier, " + NhsNumber.SYSTEM + ")"));
            }
            return resolved.orElse(null);
        }
        String at = location + ".patient.identifier";
        if (!identifier.hasValue()
                || !identifier.hasSystem()
                || !NhsNumber.SYSTEM.equalsIgnoreCase(identifier.getSystem().trim())) {
            issues.add(InputIssue.required(
                    at,
                    "Consent.patient must identify the patient by NHS number (" + NhsNumber.SYSTEM
                            + ") or reference a Patient you have shared with the hub"));
            return null;
        }
        try {
            return NhsNumber.of(identifier.getValue());
        } catch (IllegalArgumentException e) {
            issues.add(InputIssue.value(at + ".value", e));
            return null;
        }
    }

    private static ConsentProvision readProvision(
            Consent.ProvisionComponent provision, String path, String location, List<InputIssue> issues) {
        String at = location + "." + path;
        ConsentAction type = ConsentAction.UNSTATED;
        if (!provision.hasType()) {
            if (!path.equals("provision")) {
                issues.add(InputIssue.required(at + ".type", "every nested provision says permit or deny"));
                type = ConsentAction.PERMIT;
            }
        } else {
            type = ConsentAction.valueOf(provision.getType().toCode().toUpperCase(Locale.ROOT));
        }
        ConsentPeriod period = ConsentPeriod.always();
        if (provision.hasPeriod()) {
            Period p = provision.getPeriod();
            try {
                period = new ConsentPeriod(
                        Optional.ofNullable(p.getStart()).map(java.util.Date::toInstant),
                        Optional.ofNullable(p.getEnd()).map(java.util.Date::toInstant));
            } catch (IllegalArgumentException e) {
                issues.add(InputIssue.value(at + ".period", e));
            }
        }
        Set<OdsCode> actors = new LinkedHashSet<>();
        for (int i = 0; i < provision.getActor().size(); i++) {
            Identifier identifier = provision.getActor().get(i).getReference().getIdentifier();
            String actorAt = at + ".actor[" + i + "].reference.identifier";
            if (!identifier.hasValue() || !OdsCode.isOdsSystem(identifier.getSystem())) {
                issues.add(InputIssue.required(
                        actorAt, "an actor must name an organisation or team by ODS code (" + OdsCode.SYSTEM + ")"));
                continue;
            }
            try {
                actors.add(OdsCode.of(identifier.getValue()));
            } catch (IllegalArgumentException e) {
                issues.add(InputIssue.value(actorAt + ".value", e));
            }
        }
        Set<Purpose> purposes = new LinkedHashSet<>();
        Set<String> otherPurposes = new LinkedHashSet<>();
        for (int i = 0; i < provision.getPurpose().size(); i++) {
            Coding coding = provision.getPurpose().get(i);
            Optional<Purpose> purpose =
                    PURPOSE_SYSTEMS.contains(coding.getSystem()) ? Purpose.find(coding.getCode()) : Optional.empty();
            if (purpose.isPresent()) {
                purposes.add(purpose.get());
            } else if (Purpose.ACT_REASON_SYSTEM.equals(coding.getSystem())
                    && ShippedCodeSystems.defines(Purpose.ACT_REASON_SYSTEM, coding.getCode())) {
                // A real purpose of use the hub does not serve (e.g. GOV): kept, and it limits the provision to it.
                otherPurposes.add(coding.getSystem() + "|" + coding.getCode());
            } else {
                issues.add(InputIssue.value(
                        at + ".purpose[" + i + "]",
                        "unknown purpose of use " + coding.getSystem() + "|" + coding.getCode()
                                + "; expected a code of v3 ActReason (" + Purpose.ACT_REASON_SYSTEM + ")"));
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        for (int i = 0; i < provision.getClass_().size(); i++) {
            Coding coding = provision.getClass_().get(i);
            if (!RESOURCE_TYPES_SYSTEM.equals(coding.getSystem()) || !coding.hasCode()) {
                issues.add(InputIssue.value(
                        at + ".class[" + i + "]",
                        "a provision's class must be a FHIR resource type (" + RESOURCE_TYPES_SYSTEM + ")"));
            } else {
                classes.add(coding.getCode());
            }
        }
        Set<String> labels = new LinkedHashSet<>();
        for (Coding label : provision.getSecurityLabel()) {
            labels.add(label.getSystem() + "|" + label.getCode());
        }
        List<ConsentProvision> nested = new ArrayList<>();
        for (int i = 0; i < provision.getProvision().size(); i++) {
            nested.add(
                    readProvision(provision.getProvision().get(i), path + ".provision[" + i + "]", location, issues));
        }
        return new ConsentProvision(path, type, period, actors, purposes, classes, labels, nested, otherPurposes);
    }

    private static boolean hasCoding(CodeableConcept concept, String system, String code) {
        return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
