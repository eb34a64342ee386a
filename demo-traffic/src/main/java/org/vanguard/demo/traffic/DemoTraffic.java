package org.vanguard.demo.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Care plan messages like the demo's ({@code demo/messages/careplan-update.json}), made for another sender,
 * patient, destinations and version: each has a message id of its own, the sender's Patient and CarePlan for that
 * patient keep one logical id each, and they carry {@code meta.lastUpdated}, so a later message is a later version
 * of the same records. The message is changed as FHIR resources through HAPI, never as JSON text, so what is sent
 * is always the FHIR the hub expects. Synthetic patients are valid NHS numbers from a test range.
 */
public final class DemoTraffic {

    public static final String DEMO_PATIENT = "9434765919";

    private final Bundle template;

    private DemoTraffic(Bundle template) {
        this.template = template;
    }

    /** Built from the demo message on the classpath (the governance module ships the demo vanguard). */
    public static DemoTraffic fromClasspath() {
        try (InputStream in = DemoTraffic.class.getResourceAsStream("/demo/messages/careplan-update.json")) {
            if (in == null) {
                throw new IllegalStateException("demo/messages/careplan-update.json is not on the classpath");
            }
            return new DemoTraffic(
                    FhirParsing.fromTrustedJson(Bundle.class, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code count} distinct patients from a range of their own for each {@code series}; series 0 begins with the
     * demo patient. Different series never share a patient.
     */
    public static List<String> patients(int series, int count) {
        if (series < 0 || series >= 50_000 || count > 900) {
            throw new IllegalArgumentException("series 0 to 49,999 of at most 900 patients each");
        }
        List<String> patients = new ArrayList<>();
        if (series == 0) {
            patients.add(DEMO_PATIENT);
        }
        long candidate = 943_000_000L + series * 1_000L;
        while (patients.size() < count) {
            NhsNumber.completing(candidate++)
                    .map(NhsNumber::value)
                    .filter(nhs -> !patients.contains(nhs))
                    .ifPresent(patients::add);
        }
        return patients;
    }

    /**
     * A message from {@code sender} about {@code nhsNumber}, naming two destinations (the patient's GP practice,
     * G81001, is a recipient besides); {@code version} orders the records and appears in the care plan text.
     */
    public byte[] message(
            String sender, String nhsNumber, List<String> destinations, int version, Instant lastUpdated) {
        return FhirParsing.toJson(build(sender, nhsNumber, destinations, version, lastUpdated))
                .getBytes(StandardCharsets.UTF_8);
    }

    private Bundle build(String sender, String nhsNumber, List<String> destinations, int version, Instant lastUpdated) {
        if (destinations.size() != 2) {
            throw new IllegalArgumentException("the demo message names exactly two destinations");
        }
        Bundle message = template.copy();
        Bundle.BundleEntryComponent headerEntry = message.getEntry().get(0);
        Bundle.BundleEntryComponent patientEntry = message.getEntry().get(1);
        Bundle.BundleEntryComponent carePlanEntry = message.getEntry().get(2);
        MessageHeader header = (MessageHeader) headerEntry.getResource();
        Patient patient = (Patient) patientEntry.getResource();
        CarePlan carePlan = (CarePlan) carePlanEntry.getResource();

        identify(headerEntry, UUID.randomUUID().toString());
        String patientUrl = identify(patientEntry, recordId("Patient", sender, nhsNumber));
        String carePlanUrl = identify(carePlanEntry, recordId("CarePlan", sender, nhsNumber));

        header.getSender().getIdentifier().setValue(sender);
        for (int i = 0; i < 2; i++) {
            MessageHeader.MessageDestinationComponent destination =
                    header.getDestination().get(i);
            destination.setEndpoint("urn:ods:" + destinations.get(i));
            destination.getReceiver().getIdentifier().setValue(destinations.get(i));
        }
        header.setFocus(List.of(new Reference(patientUrl), new Reference(carePlanUrl)));

        patient.getIdentifierFirstRep().setValue(nhsNumber);
        patient.getMeta().setLastUpdatedElement(new InstantType(lastUpdated.toString()));
        carePlan.getSubject().setReference(patientUrl).getIdentifier().setValue(nhsNumber);
        carePlan.getMeta().setLastUpdatedElement(new InstantType(lastUpdated.toString()));
        carePlan.setDescription("Review " + version + ": " + carePlan.getDescription());
        return message;
    }

    /**
     * The same Patient and CarePlan as {@link #message} makes for these arguments, as a FHIR transaction that updates
     * both (PUT with the sender's logical ids): what a sender writes to a FHIR server instead of messaging the hub,
     * for the peer benchmark.
     */
    public byte[] transaction(String sender, String nhsNumber, int version, Instant lastUpdated) {
        Bundle message = build(sender, nhsNumber, List.of("RAC", "MDT01"), version, lastUpdated);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Bundle.BundleEntryComponent entry : message.getEntry().subList(1, 3)) {
            String type = entry.getResource().fhirType();
            String id = entry.getResource().getIdElement().getIdPart();
            transaction
                    .addEntry()
                    .setFullUrl(entry.getFullUrl())
                    .setResource(entry.getResource())
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(type + "/" + id);
        }
        return FhirParsing.toJson(transaction).getBytes(StandardCharsets.UTF_8);
    }

    /** Gives the entry's resource this id and the entry the matching {@code urn:uuid} full URL, which it returns. */
    private static String identify(Bundle.BundleEntryComponent entry, String id) {
        entry.getResource().setId(id);
        entry.setFullUrl("urn:uuid:" + id);
        return entry.getFullUrl();
    }

    /** Each sender keeps one Patient and one CarePlan record per patient, so every message updates the same two. */
    private static String recordId(String type, String sender, String nhsNumber) {
        return UUID.nameUUIDFromBytes((type + "|" + sender + "|" + nhsNumber).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
