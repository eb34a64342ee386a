package org.vanguard.bench.validation;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.vanguard.profiles.validation.HubProfiles;

/** Valid resources of each kind the hub profiles, as a care home's system would send them. */
final class Samples {

    private static final String NHS = HubProfiles.NHS_NUMBER_SYSTEM;
    private static final String ODS = HubProfiles.ODS_SYSTEM;
    private static final String NHS_NUMBER = "9434765919";
    private static final String PATIENT_URL = "urn:uuid:0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c";
    private static final String CAREPLAN_URL = "urn:uuid:9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d";

    private Samples() {}

    static Resource of(String kind) {
        return switch (kind) {
            case "Patient" -> patient();
            case "CarePlan" -> carePlan();
            case "Consent" -> consent();
            case "Message" -> message();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Patient patient() {
        Patient patient = new Patient();
        patient.setId("0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c");
        patient.addIdentifier().setSystem(NHS).setValue(NHS_NUMBER);
        patient.addName().setFamily("Hartley").addGiven("Edith");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1936-04-12"));
        patient.addAddress().addLine("Rosewood Care Home").setCity("Riverside").setPostalCode("LS1 4AP");
        patient.addGeneralPractitioner()
                .setIdentifier(new Identifier().setSystem(ODS).setValue("G81001"));
        return patient;
    }

    static CarePlan carePlan() {
        CarePlan carePlan = new CarePlan();
        carePlan.setId("9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d");
        carePlan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
        carePlan.setTitle("Falls prevention and hydration plan");
        carePlan.setSubject(new Reference(PATIENT_URL)
                .setIdentifier(new Identifier().setSystem(NHS).setValue(NHS_NUMBER)));
        carePlan.setPeriod(new Period().setStartElement(new DateTimeType("2026-11-23")));
        carePlan.addActivity()
                .getDetail()
                .setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS)
                .setDescription("Fluid prompts");
        return carePlan;
    }

    static Consent consent() {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        consent.setPatient(
                new Reference().setIdentifier(new Identifier().setSystem(NHS).setValue(NHS_NUMBER)));
        consent.addPolicy().setUri("https://vanguard-hub.org/policy/shared-care-record");
        Consent.ProvisionComponent except = consent.getProvision()
                .setType(Consent.ConsentProvisionType.PERMIT)
                .addProvision();
        except.setType(Consent.ConsentProvisionType.DENY);
        except.addActor()
                .setRole(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
                .setReference(new Reference()
                        .setIdentifier(new Identifier().setSystem(ODS).setValue("RAC")));
        except.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HRESCH", null));
        return consent;
    }

    /** A careplan-update message: MessageHeader, Patient and CarePlan (three resources in one Bundle). */
    static Bundle message() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE);
        bundle.setTimestampElement(new InstantType("2026-11-23T09:30:00Z"));
        MessageHeader header = new MessageHeader();
        header.setEvent(new Coding(HubProfiles.EVENT_SYSTEM, "careplan-update", null));
        header.addDestination()
                .setEndpoint("urn:ods:MDT01")
                .setReceiver(new Reference()
                        .setIdentifier(new Identifier().setSystem(ODS).setValue("MDT01")));
        header.setSender(
                new Reference().setIdentifier(new Identifier().setSystem(ODS).setValue("CH001")));
        header.getSource().setEndpoint("https://rosewood.example/fhir");
        header.addFocus(new Reference(PATIENT_URL)).addFocus(new Reference(CAREPLAN_URL));
        bundle.addEntry()
                .setFullUrl("urn:uuid:6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01")
                .setResource(header);
        bundle.addEntry().setFullUrl(PATIENT_URL).setResource(patient());
        bundle.addEntry().setFullUrl(CAREPLAN_URL).setResource(carePlan());
        return bundle;
    }
}
