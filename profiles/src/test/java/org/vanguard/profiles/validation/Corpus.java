package org.vanguard.profiles.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UriType;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.message.HubEvent;
import org.vanguard.profiles.message.MessageReader;

/**
 * A corpus of valid and invalid resources for the differential test and the benchmark: valid UK Core
 * style Patients, CarePlans, Consents and hub messages, each mutated in the ways real senders get things
 * wrong (missing required elements, bad NHS check digits, wrong systems, wrong cardinality, codes outside
 * required bindings, invalid dates, broken message structure) and in ways that are merely unusual.
 * Generated from a fixed seed, so a failure names the same case every run.
 */
public final class Corpus {

    /** One resource as a sender would send it, and whether the hub's profiles accept it. */
    public record Case(String name, FhirFormat format, String body, boolean valid) {
        @Override
        public String toString() {
            return name + " (" + format + ")";
        }
    }

    static final String NHS = MessageReader.NHS_NUMBER_SYSTEM;
    static final String ODS = MessageReader.ODS_SYSTEM;
    static final String PATIENT_URL = "urn:uuid:0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c";
    static final String CAREPLAN_URL = "urn:uuid:9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d";
    static final String CONSENT_URL = "urn:uuid:5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f";
    static final String HEADER_URL = "urn:uuid:6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01";

    private final Random random = new Random(20261123L);
    private final List<Case> cases = new ArrayList<>();

    private Corpus() {}

    /** The whole corpus: every base resource with every mutation that applies to it. */
    public static List<Case> generate() {
        Corpus corpus = new Corpus();
        corpus.build();
        return List.copyOf(corpus.cases);
    }

    /** Valid resources only, one of each kind, for measuring the rate at which the hub accepts. */
    public static List<Resource> validSamples() {
        Corpus corpus = new Corpus();
        String nhs = corpus.nhsNumber();
        return List.of(
                corpus.patient(nhs),
                corpus.ukCorePatient(nhs),
                corpus.carePlan(nhs),
                corpus.consent(nhs),
                corpus.message(HubEvent.CAREPLAN_UPDATE, nhs));
    }

    // ---- NHS numbers ------------------------------------------------------------------------------------

    /** A random NHS number with a valid Modulus 11 check digit. */
    String nhsNumber() {
        while (true) {
            StringBuilder digits = new StringBuilder();
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                int d = random.nextInt(10);
                digits.append(d);
                sum += d * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            return digits.append(check == 11 ? 0 : check).toString();
        }
    }

    static String wrongCheckDigit(String nhs) {
        return nhs.substring(0, 9) + (char) ('0' + (nhs.charAt(9) - '0' + 1) % 10);
    }

    /** Nine digits whose Modulus 11 check digit would be 10, followed by a digit: no such NHS number exists. */
    static String checkDigitTen() {
        return "1234567890";
    }

    // ---- valid bases --------------------------------------------------------------------------------

    Patient patient(String nhs) {
        Patient patient = new Patient();
        patient.setId("0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c");
        patient.addIdentifier().setSystem(NHS).setValue(nhs);
        patient.addName().setFamily("Hartley").addGiven("Edith");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1936-04-12"));
        patient.addGeneralPractitioner()
                .setIdentifier(new Identifier().setSystem(ODS).setValue("G81001"))
                .setDisplay("Elm Tree Surgery");
        return patient;
    }

    /** A Patient as a UK Core system sends it: meta.profile, extensions, several identifiers, contacts. */
    Patient ukCorePatient(String nhs) {
        Patient patient = patient(nhs);
        patient.getMeta().addProfile("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient");
        patient.getIdentifierFirstRep()
                .addExtension(new Extension(
                        "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus",
                        new CodeableConcept(new Coding(
                                "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland",
                                "01",
                                "Number present and verified"))));
        patient.addIdentifier()
                .setSystem("https://rosewood.example/fhir/Id/resident")
                .setValue("R-0042");
        patient.addExtension(new Extension(
                "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory",
                new CodeableConcept(new Coding(
                        "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland", "A", "White - British"))));
        patient.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue("01632 960000")
                .setUse(ContactPoint.ContactPointUse.HOME);
        patient.addAddress()
                .addLine("Rosewood Care Home")
                .setCity("Riverside")
                .setPostalCode("LS1 4AP")
                .setPeriod(new Period().setStartElement(new DateTimeType("2024-02-01")));
        patient.addContact()
                .setName(new HumanName().setFamily("Hartley").addGiven("Anne"))
                .addRelationship(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/v2-0131", "N", "Next-of-Kin")));
        return patient;
    }

    CarePlan carePlan(String nhs) {
        CarePlan carePlan = new CarePlan();
        carePlan.setId("9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d");
        carePlan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
        carePlan.setTitle("Falls prevention and hydration plan");
        carePlan.setSubject(new Reference(PATIENT_URL)
                .setIdentifier(new Identifier().setSystem(NHS).setValue(nhs)));
        carePlan.setPeriod(new Period().setStartElement(new DateTimeType("2026-11-23")));
        carePlan.addActivity()
                .getDetail()
                .setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS)
                .setDescription("Two-hourly fluid prompts");
        return carePlan;
    }

    Consent consent(String nhs) {
        Consent consent = new Consent();
        consent.setId("5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f");
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(
                new Reference().setIdentifier(new Identifier().setSystem(NHS).setValue(nhs)));
        consent.setDateTimeElement(new DateTimeType("2026-11-20T10:00:00Z"));
        consent.addOrganization().setIdentifier(new Identifier().setSystem(ODS).setValue("G81001"));
        consent.setPolicyRule(
                new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", null)));
        Consent.ProvisionComponent base = consent.getProvision();
        base.setType(Consent.ConsentProvisionType.PERMIT);
        base.setPeriod(new Period()
                .setStartElement(new DateTimeType("2026-11-20"))
                .setEndElement(new DateTimeType("2027-11-20")));
        Consent.ProvisionComponent except = base.addProvision();
        except.setType(Consent.ConsentProvisionType.DENY);
        except.addActor()
                .setRole(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
                .setReference(new Reference()
                        .setIdentifier(new Identifier().setSystem(ODS).setValue("RAC")));
        except.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HRESCH", null));
        except.addClass_(new Coding("http://hl7.org/fhir/resource-types", "CarePlan", null));
        Consent.ProvisionComponent nested = except.addProvision();
        nested.setType(Consent.ConsentProvisionType.PERMIT);
        nested.addAction(
                new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentaction", "access", null)));
        return consent;
    }

    Bundle message(HubEvent event, String nhs) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setTimestampElement(new org.hl7.fhir.r4.model.InstantType("2026-11-23T09:30:00Z"));
        MessageHeader header = new MessageHeader();
        header.setId("6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01");
        header.setEvent(new Coding(HubEvent.SYSTEM, event.code(), null));
        header.addDestination()
                .setEndpoint("urn:ods:MDT01")
                .setReceiver(new Reference()
                        .setIdentifier(new Identifier().setSystem(ODS).setValue("MDT01")));
        header.setSender(
                new Reference().setIdentifier(new Identifier().setSystem(ODS).setValue("CH001")));
        header.getSource().setName("Rosewood Care Home record").setEndpoint("https://rosewood.example/fhir");
        bundle.addEntry().setFullUrl(HEADER_URL).setResource(header);
        bundle.addEntry().setFullUrl(PATIENT_URL).setResource(patient(nhs));
        header.addFocus(new Reference(PATIENT_URL));
        if (event == HubEvent.CAREPLAN_UPDATE) {
            bundle.addEntry().setFullUrl(CAREPLAN_URL).setResource(carePlan(nhs));
            header.addFocus(new Reference(CAREPLAN_URL));
        } else if (event == HubEvent.CONSENT_UPDATE) {
            Consent consent = consent(nhs);
            consent.setPatient(new Reference(PATIENT_URL));
            bundle.addEntry().setFullUrl(CONSENT_URL).setResource(consent);
            header.addFocus(new Reference(CONSENT_URL));
        }
        return bundle;
    }

    // ---- mutations ----------------------------------------------------------------------------------

    private void build() {
        for (int n = 0; n < 2; n++) {
            String nhs = nhsNumber();
            String suffix = " #" + n;
            patientCases(() -> patient(nhs), "Patient" + suffix, nhs, "");
            patientCases(() -> ukCorePatient(nhs), "UK Core Patient" + suffix, nhs, "");
            carePlanCases(() -> carePlan(nhs), "CarePlan" + suffix, nhs);
            consentCases(() -> consent(nhs), "Consent" + suffix, nhs);
        }
        String nhs = nhsNumber();
        for (HubEvent event : HubEvent.values()) {
            messageCases(event, nhs);
        }
        // Every Patient, CarePlan and Consent mutation again inside a message, where entries are checked too.
        patientInMessage(nhs);
        carePlanInMessage(nhs);
        consentInMessage(nhs);
    }

    private <T extends Resource> void add(String name, T resource, boolean valid) {
        FhirFormat format = cases.size() % 5 == 4 ? FhirFormat.XML : FhirFormat.JSON;
        String body = format == FhirFormat.XML
                ? FhirParsing.context().newXmlParser().encodeResourceToString(resource)
                : FhirParsing.toJson(resource);
        cases.add(new Case(name, format, body, valid));
    }

    private void addJson(String name, String json, boolean valid) {
        cases.add(new Case(name, FhirFormat.JSON, json, valid));
    }

    private <T extends Resource> void mutate(
            String name, java.util.function.Supplier<T> base, Consumer<T> change, boolean valid) {
        T resource = base.get();
        change.accept(resource);
        add(name, resource, valid);
    }

    private <T extends Resource> void mutateText(
            String name, java.util.function.Supplier<T> base, UnaryOperator<String> change, boolean valid) {
        String json = FhirParsing.toJson(base.get());
        String changed = change.apply(json);
        if (changed.equals(json)) {
            throw new IllegalStateException("mutation '" + name + "' changed nothing");
        }
        addJson(name, changed, valid);
    }

    void patientCases(java.util.function.Supplier<Patient> base, String kind, String nhs, String unused) {
        mutate(kind + " as sent", base, p -> {}, true);
        mutate(
                kind + " with NHS number spaced 3-3-4",
                base,
                p -> p.getIdentifierFirstRep()
                        .setValue(nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6)),
                true);
        mutate(
                kind + " with NHS number hyphenated",
                base,
                p -> p.getIdentifierFirstRep()
                        .setValue(nhs.substring(0, 3) + "-" + nhs.substring(3, 6) + "-" + nhs.substring(6)),
                true);
        mutate(
                kind + " with a local identifier first",
                base,
                p -> p.getIdentifier()
                        .add(
                                0,
                                new Identifier()
                                        .setSystem("https://example.org/mrn")
                                        .setValue("MRN-1")),
                true);
        mutate(
                kind + " with no name and no gender",
                base,
                p -> {
                    p.getName().clear();
                    p.setGender(null);
                },
                true);
        mutate(kind + " with a birth year only", base, p -> p.setBirthDateElement(new DateType("1936")), true);
        mutate(
                kind + " with a lower-case ODS system for its GP",
                base,
                p -> p.getGeneralPractitionerFirstRep().getIdentifier().setSystem(ODS.toLowerCase()),
                true);
        mutate(
                kind + " with an address period in order",
                base,
                p -> p.addAddress()
                        .setCity("Leeds")
                        .setPeriod(new Period()
                                .setStartElement(new DateTimeType("2020-01-01"))
                                .setEndElement(new DateTimeType("2024-01-31"))),
                true);
        mutate(kind + " with a deceased flag", base, p -> p.setDeceased(new BooleanType(false)), true);

        mutate(
                kind + " with a wrong NHS check digit",
                base,
                p -> p.getIdentifierFirstRep().setValue(wrongCheckDigit(nhs)),
                false);
        mutate(
                kind + " with an NHS number whose check digit would be 10",
                base,
                p -> p.getIdentifierFirstRep().setValue(checkDigitTen()),
                false);
        mutate(
                kind + " with a nine-digit NHS number",
                base,
                p -> p.getIdentifierFirstRep().setValue(nhs.substring(0, 9)),
                false);
        mutate(
                kind + " with letters in the NHS number",
                base,
                p -> p.getIdentifierFirstRep().setValue("94347659AB"),
                false);
        mutate(
                kind + " with an eleven-digit NHS number",
                base,
                p -> p.getIdentifierFirstRep().setValue(nhs + "0"),
                false);
        mutate(
                kind + " with an NHS identifier without value",
                base,
                p -> p.getIdentifierFirstRep()
                        .setValue(null)
                        .addExtension(new Extension(
                                "https://example.org/note", new org.hl7.fhir.r4.model.StringType("withheld"))),
                false);
        mutate(kind + " with no identifiers", base, p -> p.getIdentifier().clear(), false);
        mutate(
                kind + " with only a local identifier",
                base,
                p -> p.getIdentifierFirstRep().setSystem("https://example.org/local-id"),
                false);
        mutate(
                kind + " with the NHS system misspelt",
                base,
                p -> p.getIdentifierFirstRep().setSystem("https://fhir.nhs.uk/Id/nhs-numbr"),
                false);
        mutate(
                kind + " with the NHS system upper-cased",
                base,
                p -> p.getIdentifierFirstRep().setSystem(NHS.toUpperCase()),
                false);
        mutate(
                kind + " with two NHS numbers",
                base,
                p -> p.addIdentifier().setSystem(NHS).setValue(nhsNumber()),
                false);
        mutate(
                kind + " with a contact who is nobody",
                base,
                p -> p.addContact().setGender(AdministrativeGender.MALE),
                false);
        mutate(
                kind + " with an address period ending before it starts",
                base,
                p -> p.addAddress()
                        .setCity("Leeds")
                        .setPeriod(new Period()
                                .setStartElement(new DateTimeType("2024-01-01"))
                                .setEndElement(new DateTimeType("2020-01-31"))),
                false);
        mutate(
                kind + " with a communication without language",
                base,
                p -> p.addCommunication().setPreferred(true),
                false);
        mutate(
                kind + " with a link without its other patient",
                base,
                p -> p.addLink().setType(Patient.LinkType.SEEALSO),
                false);
        mutateText(
                kind + " with an impossible birth date",
                base,
                json -> json.replace("\"1936-04-12\"", "\"1936-13-12\""),
                false);
        mutateText(
                kind + " with a gender outside its required binding",
                base,
                json -> json.replace("\"female\"", "\"femle\""),
                false);
        mutateText(
                kind + " with an unknown element",
                base,
                json -> json.replace("\"gender\"", "\"sex\":\"F\",\"gender\""),
                false);
        mutateText(
                kind + " with a name that is not an array",
                base,
                json -> json.replace(
                        "\"name\":[{\"family\":\"Hartley\",\"given\":[\"Edith\"]}]",
                        "\"name\":{\"family\":\"Hartley\"}"),
                false);
    }

    void carePlanCases(java.util.function.Supplier<CarePlan> base, String kind, String nhs) {
        mutate(kind + " as sent", base, c -> {}, true);
        mutate(
                kind + " with its subject by reference only",
                base,
                c -> c.getSubject().setIdentifier(null),
                true);
        mutate(
                kind + " with its subject by NHS number only",
                base,
                c -> c.getSubject().setReference(null),
                true);
        mutate(
                kind + " with a spaced NHS number",
                base,
                c -> c.getSubject()
                        .getIdentifier()
                        .setValue(nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6)),
                true);
        mutate(
                kind + " with an activity by reference",
                base,
                c -> c.addActivity().setReference(new Reference("urn:uuid:1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6")),
                true);
        mutate(
                kind + " with a category and an author",
                base,
                c -> {
                    c.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "734163000", "Care plan")));
                    c.setAuthor(new Reference()
                            .setIdentifier(new Identifier().setSystem(ODS).setValue("CH001")));
                },
                true);

        mutate(kind + " without status", base, c -> c.setStatus(null), false);
        mutate(kind + " without intent", base, c -> c.setIntent(null), false);
        mutate(kind + " without subject", base, c -> c.setSubject(null), false);
        mutate(
                kind + " with a subject named by display only",
                base,
                c -> c.setSubject(new Reference().setDisplay("Edith Hartley")),
                false);
        mutate(
                kind + " with a subject identified by a local number",
                base,
                c -> c.getSubject().getIdentifier().setSystem("urn:local-mrn").setValue("A123"),
                false);
        mutate(
                kind + " with a subject identifier without system",
                base,
                c -> c.getSubject().getIdentifier().setSystem(null),
                false);
        mutate(
                kind + " with a subject NHS number failing its check digit",
                base,
                c -> c.getSubject().getIdentifier().setValue(wrongCheckDigit(nhs)),
                false);
        mutate(
                kind + " with a subject NHS identifier without value",
                base,
                c -> c.getSubject()
                        .getIdentifier()
                        .setValue(null)
                        .addExtension(new Extension(
                                "https://example.org/note", new org.hl7.fhir.r4.model.StringType("unknown"))),
                false);
        mutate(
                kind + " with an activity detail without status",
                base,
                c -> c.addActivity().getDetail().setDescription("Walk daily"),
                false);
        mutate(
                kind + " with an activity that has both detail and reference",
                base,
                c -> c.getActivityFirstRep()
                        .setReference(new Reference("urn:uuid:1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6")),
                false);
        mutate(
                kind + " with a period ending before it starts",
                base,
                c -> c.getPeriod().setEndElement(new DateTimeType("2026-01-01")),
                false);
        mutateText(
                kind + " with a status outside its required binding",
                base,
                json -> json.replace("\"active\"", "\"running\""),
                false);
        mutateText(
                kind + " with an impossible start date",
                base,
                json -> json.replace("\"2026-11-23\"", "\"2026-11-31\""),
                false);
        mutateText(
                kind + " with an unknown element",
                base,
                json -> json.replace("\"intent\"", "\"priority\":\"high\",\"intent\""),
                false);
    }

    void consentCases(java.util.function.Supplier<Consent> base, String kind, String nhs) {
        mutate(kind + " as sent", base, c -> {}, true);
        mutate(
                kind + " with a policy instead of a policyRule",
                base,
                c -> {
                    c.setPolicyRule(null);
                    c.addPolicy().setUri("https://vanguard-hub.org/policy/shared-care-record");
                },
                true);
        mutate(kind + " with its patient by reference", base, c -> c.setPatient(new Reference(PATIENT_URL)), true);
        mutate(kind + " withdrawn", base, c -> c.setStatus(Consent.ConsentState.INACTIVE), true);
        mutate(
                kind + " with a deeper provision",
                base,
                c -> c.getProvision()
                        .getProvisionFirstRep()
                        .getProvisionFirstRep()
                        .addProvision()
                        .setType(Consent.ConsentProvisionType.DENY)
                        .addSecurityLabel(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV", null)),
                true);

        mutate(kind + " without scope", base, c -> c.setScope(null), false);
        mutate(
                kind + " with a treatment scope",
                base,
                c -> c.setScope(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", null))),
                false);
        mutate(kind + " without category", base, c -> c.getCategory().clear(), false);
        mutate(kind + " without patient", base, c -> c.setPatient(null), false);
        mutate(
                kind + " with a patient named by display only",
                base,
                c -> c.setPatient(new Reference().setDisplay("Edith Hartley")),
                false);
        mutate(
                kind + " with a patient identified by a local number",
                base,
                c -> c.getPatient().getIdentifier().setSystem("urn:local-mrn"),
                false);
        mutate(
                kind + " with a patient identifier without system",
                base,
                c -> c.getPatient().getIdentifier().setSystem(null),
                false);
        mutate(
                kind + " with a patient NHS number failing its check digit",
                base,
                c -> c.getPatient().getIdentifier().setValue(wrongCheckDigit(nhs)),
                false);
        mutate(kind + " without policy or policyRule", base, c -> c.setPolicyRule(null), false);
        mutate(
                kind + " with an actor without reference",
                base,
                c -> c.getProvision().getProvisionFirstRep().getActorFirstRep().setReference(null),
                false);
        mutate(
                kind + " with an actor without role",
                base,
                c -> c.getProvision().getProvisionFirstRep().getActorFirstRep().setRole(null),
                false);
        mutate(
                kind + " with provision data without meaning",
                base,
                c -> c.getProvision().addData().setReference(new Reference(CAREPLAN_URL)),
                false);
        mutate(
                kind + " with a provision period ending before it starts",
                base,
                c -> c.getProvision().getPeriod().setEndElement(new DateTimeType("2025-11-20")),
                false);
        mutateText(
                kind + " with a status outside its required binding",
                base,
                json -> json.replace("\"status\":\"active\"", "\"status\":\"agreed\""),
                false);
        mutateText(
                kind + " with a provision type outside its required binding",
                base,
                json -> json.replace("\"deny\"", "\"refuse\""),
                false);
        mutateText(
                kind + " with an impossible date",
                base,
                json -> json.replace("2026-11-20T10:00:00Z", "2026-11-20T25:00:00Z"),
                false);
    }

    private void messageCases(HubEvent event, String nhs) {
        String kind = event.code() + " message";
        java.util.function.Supplier<Bundle> base = () -> message(event, nhs);
        mutate(kind + " as sent", base, b -> {}, true);
        mutate(
                kind + " with a purpose of use",
                base,
                b -> b.getMeta()
                        .addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT", null)),
                true);
        mutate(
                kind + " with lower-case ODS systems",
                base,
                b -> {
                    header(b).getSender().getIdentifier().setSystem(ODS.toLowerCase());
                    header(b)
                            .getDestinationFirstRep()
                            .getReceiver()
                            .getIdentifier()
                            .setSystem(ODS.toLowerCase());
                },
                true);
        mutate(
                kind + " with no destination and no focus",
                base,
                b -> {
                    header(b).getDestination().clear();
                    header(b).getFocus().clear();
                },
                true);
        mutate(
                kind + " with a second destination",
                base,
                b -> header(b)
                        .addDestination()
                        .setEndpoint("urn:ods:RAC")
                        .setReceiver(new Reference()
                                .setIdentifier(new Identifier().setSystem(ODS).setValue("RAC"))),
                true);

        // Only a message is held to the message rules: as a collection the same entries are valid R4 (intake still
        // refuses it, MessageReader asks for type message), as $validate must say of any Bundle that is not a message.
        mutate(
                kind + "'s entries in a Bundle of type collection",
                base,
                b -> b.setType(Bundle.BundleType.COLLECTION),
                true);
        mutate(kind + " without entries", base, b -> b.getEntry().clear(), false);
        mutate(
                kind + " with its MessageHeader last",
                base,
                b -> b.getEntry().add(b.getEntry().remove(0)),
                false);
        mutate(
                kind + " with an entry without fullUrl",
                base,
                b -> b.getEntry().get(1).setFullUrl(null),
                false);
        mutate(
                kind + " with an entry without resource",
                base,
                b -> b.addEntry().setFullUrl("urn:uuid:2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"),
                false);
        mutate(
                kind + " with a duplicate fullUrl",
                base,
                b -> b.addEntry().setFullUrl(PATIENT_URL).setResource(patient(nhs)),
                false);
        mutate(
                kind + " with a malformed UUID fullUrl",
                base,
                b -> {
                    b.getEntry().get(1).setFullUrl("urn:uuid:patient-1");
                    header(b).getFocusFirstRep().setReference("urn:uuid:patient-1");
                },
                false);
        mutate(
                kind + " with a focus outside the message",
                base,
                b -> header(b).addFocus(new Reference("urn:uuid:7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d")),
                false);
        mutate(
                kind + " with an unknown event",
                base,
                b -> header(b).getEventCoding().setCode("careplan-delete"),
                false);
        mutate(
                kind + " with an event from another system",
                base,
                b -> header(b).getEventCoding().setSystem("http://example.org/events"),
                false);
        mutate(
                kind + " with an event code without system",
                base,
                b -> header(b).getEventCoding().setSystem(null),
                true);
        mutate(
                kind + " with an event URI",
                base,
                b -> header(b).setEvent(new UriType("https://vanguard-hub.org/fhir/events/" + event.code())),
                false);
        mutate(kind + " without sender", base, b -> header(b).setSender(null), false);
        mutate(
                kind + " with a sender without identifier",
                base,
                b -> header(b).setSender(new Reference().setDisplay("Rosewood")),
                false);
        mutate(
                kind + " with a sender ODS code without value",
                base,
                b -> header(b)
                        .getSender()
                        .getIdentifier()
                        .setValue(null)
                        .addExtension(
                                new Extension("https://example.org/note", new org.hl7.fhir.r4.model.StringType("n/a"))),
                false);
        mutate(
                kind + " with a destination without receiver",
                base,
                b -> header(b).getDestinationFirstRep().setReceiver(null),
                false);
        mutate(
                kind + " with a destination without endpoint",
                base,
                b -> header(b).getDestinationFirstRep().setEndpoint(null),
                false);
        mutate(
                kind + " without a source endpoint",
                base,
                b -> header(b).getSource().setEndpoint(null),
                false);
        mutate(
                kind + " with an entry request",
                base,
                b -> b.getEntry()
                        .get(1)
                        .getRequest()
                        .setMethod(Bundle.HTTPVerb.PUT)
                        .setUrl("Patient/0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c"),
                false);
        mutate(kind + " with a total", base, b -> b.setTotal(2), false);
        mutateText(
                kind + " with an impossible timestamp",
                base,
                json -> json.replace("2026-11-23T09:30:00Z", "2026-11-23T09:61:00Z"),
                false);
        mutateText(
                kind + " with an unknown element",
                base,
                json -> json.replace("\"type\":\"message\"", "\"type\":\"message\",\"priority\":1"),
                false);
    }

    private void patientInMessage(String nhs) {
        List<Case> before = List.copyOf(cases);
        cases.clear();
        patientCases(() -> patient(nhs), "Patient", nhs, "");
        List<Case> standalone = List.copyOf(cases);
        cases.clear();
        cases.addAll(before);
        embed(standalone, HubEvent.PATIENT_UPDATE, nhs, 1);
    }

    private void carePlanInMessage(String nhs) {
        List<Case> before = List.copyOf(cases);
        cases.clear();
        carePlanCases(() -> carePlan(nhs), "CarePlan", nhs);
        List<Case> standalone = List.copyOf(cases);
        cases.clear();
        cases.addAll(before);
        embed(standalone, HubEvent.CAREPLAN_UPDATE, nhs, 2);
    }

    private void consentInMessage(String nhs) {
        List<Case> before = List.copyOf(cases);
        cases.clear();
        consentCases(() -> consent(nhs), "Consent", nhs);
        List<Case> standalone = List.copyOf(cases);
        cases.clear();
        cases.addAll(before);
        embed(standalone, HubEvent.CONSENT_UPDATE, nhs, 2);
    }

    /** Puts each standalone case (as its JSON) into a message in place of the valid resource at that entry. */
    private void embed(List<Case> standalone, HubEvent event, String nhs, int entry) {
        Bundle bundle = message(event, nhs);
        String marker = "\"__ENTRY__\"";
        String fullUrl = bundle.getEntry().get(entry).getFullUrl();
        bundle.getEntry().get(entry).setResource(null);
        String template = FhirParsing.toJson(bundle)
                .replace(
                        "{\"fullUrl\":\"" + fullUrl + "\"}",
                        "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + marker + "}");
        if (!template.contains(marker)) {
            throw new IllegalStateException("could not place the entry in " + template);
        }
        for (Case c : standalone) {
            if (c.format() == FhirFormat.JSON) {
                addJson(
                        c.name() + ", in a " + event.code() + " message",
                        template.replace(marker, c.body()),
                        c.valid());
            }
        }
    }

    private static MessageHeader header(Bundle bundle) {
        return (MessageHeader) bundle.getEntryFirstRep().getResource();
    }
}
