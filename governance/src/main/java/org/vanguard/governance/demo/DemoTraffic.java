package org.vanguard.governance.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.vanguard.governance.patient.NhsNumber;

/**
 * Care plan messages like the demo's ({@code demo/messages/careplan-update.json}), rewritten for another sender,
 * patient, destinations and version: each has a message id of its own, the sender's Patient and CarePlan for that patient keep one
 * logical id each, and they carry
 * {@code meta.lastUpdated}, so a later message is a later version of the same records. Synthetic patients are
 * valid NHS numbers from a test range.
 */
public final class DemoTraffic {

    public static final String DEMO_PATIENT = "9434765919";
    private static final String DEMO_HEADER_ID = "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01";
    private static final String DEMO_PATIENT_ID = "0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c";
    private static final String DEMO_CAREPLAN_ID = "9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d";

    private final String template;

    private DemoTraffic(String template) {
        this.template = template;
    }

    /** Built from the demo message on the classpath. */
    public static DemoTraffic fromClasspath() {
        try (InputStream in = DemoTraffic.class.getResourceAsStream("/demo/messages/careplan-update.json")) {
            if (in == null) {
                throw new IllegalStateException("demo/messages/careplan-update.json is not on the classpath");
            }
            return new DemoTraffic(new String(in.readAllBytes(), StandardCharsets.UTF_8));
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
            NhsNumber.completing(candidate++).map(NhsNumber::value)
                    .filter(nhs -> !patients.contains(nhs))
                    .ifPresent(patients::add);
        }
        return patients;
    }

    /** Each sender keeps one Patient and one CarePlan record per patient, so every message updates the same two. */
    private static String recordId(String type, String sender, String nhsNumber) {
        return UUID.nameUUIDFromBytes((type + "|" + sender + "|" + nhsNumber).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * A message from {@code sender} about {@code nhsNumber}, naming two destinations (the patient's GP practice,
     * G81001, is a recipient besides); {@code version} orders the records and appears in the care plan text.
     */
    public byte[] message(String sender, String nhsNumber, List<String> destinations, int version, Instant lastUpdated) {
        if (destinations.size() != 2) {
            throw new IllegalArgumentException("the demo message names exactly two destinations");
        }
        String meta = "\"meta\": { \"lastUpdated\": \"" + lastUpdated + "\" },";
        String json = template
                .replace(DEMO_HEADER_ID, UUID.randomUUID().toString())
                .replace(DEMO_PATIENT_ID, recordId("Patient", sender, nhsNumber))
                .replace(DEMO_CAREPLAN_ID, recordId("CarePlan", sender, nhsNumber))
                .replace(DEMO_PATIENT, nhsNumber)
                .replace("\"value\": \"CH001\" }", "\"value\": \"" + sender + "\" }")
                .replace("\"value\": \"RAC\"", "\"value\": \"" + destinations.get(0) + "\"")
                .replace("urn:ods:RAC", "urn:ods:" + destinations.get(0))
                .replace("\"value\": \"MDT01\"", "\"value\": \"" + destinations.get(1) + "\"")
                .replace("urn:ods:MDT01", "urn:ods:" + destinations.get(1))
                .replace("\"resourceType\": \"Patient\",", "\"resourceType\": \"Patient\", " + meta)
                .replace("\"resourceType\": \"CarePlan\",", "\"resourceType\": \"CarePlan\", " + meta)
                .replace("Two-hourly fluid prompts;", "Review " + version + ": two-hourly fluid prompts;");
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
