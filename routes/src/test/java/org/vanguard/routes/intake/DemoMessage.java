package org.vanguard.routes.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.vanguard.profiles.fhir.FhirParsing;

/** The demo care-plan update, freshly parsed from governance/demo/messages for each test to change. */
public final class DemoMessage {

    private static final Path FILE = Path.of("../governance/demo/messages/careplan-update.json");

    private DemoMessage() {}

    public static Bundle bundle() {
        return (Bundle) FhirParsing.standard()
                .parse(json().getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/fhir+json");
    }

    /** The message as a sender's bytes, for a test that queues it as it is. */
    public static String json() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MessageHeader header(Bundle bundle) {
        return (MessageHeader) bundle.getEntry().get(0).getResource();
    }

    public static Patient patient(Bundle bundle) {
        return (Patient) bundle.getEntry().get(1).getResource();
    }

    public static CarePlan carePlan(Bundle bundle) {
        return (CarePlan) bundle.getEntry().get(2).getResource();
    }

    /** Gives the patient a new NHS number everywhere the message names it. */
    public static Bundle withNhsNumber(Bundle bundle, String nhsNumber) {
        patient(bundle).getIdentifierFirstRep().setValue(nhsNumber);
        carePlan(bundle).getSubject().getIdentifier().setValue(nhsNumber);
        return bundle;
    }
}
