package org.vanguard.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.validation.FastProfileValidator;

class DemoTrafficTests {

    private static final Instant AT = Instant.parse("2026-12-04T06:00:00.123Z");

    private final DemoTraffic traffic = DemoTraffic.fromClasspath();

    @Test
    @DisplayName(
            "a made message is strict FHIR that passes the hub's profiles, from the sender to the destinations about the patient")
    void madeMessage() {
        Bundle message = parsed(traffic.message("G81001", "9434765129", List.of("RAC", "MDT01"), 3, AT));

        assertThat(FastProfileValidator.standard().validate(message)).isEmpty();
        MessageHeader header = (MessageHeader) message.getEntryFirstRep().getResource();
        Patient patient = (Patient) message.getEntry().get(1).getResource();
        CarePlan plan = (CarePlan) message.getEntry().get(2).getResource();
        assertThat(header.getSender().getIdentifier().getValue()).isEqualTo("G81001");
        assertThat(header.getDestination())
                .extracting(d -> d.getReceiver().getIdentifier().getValue(), d -> d.getEndpoint())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RAC", "urn:ods:RAC"),
                        org.assertj.core.groups.Tuple.tuple("MDT01", "urn:ods:MDT01"));
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("9434765129");
        assertThat(plan.getSubject().getIdentifier().getValue()).isEqualTo("9434765129");
        assertThat(header.getFocus())
                .extracting(f -> f.getReference())
                .containsExactly(
                        message.getEntry().get(1).getFullUrl(),
                        message.getEntry().get(2).getFullUrl());
        assertThat(plan.getSubject().getReference())
                .isEqualTo(message.getEntry().get(1).getFullUrl());
        assertThat(patient.getMeta().getLastUpdatedElement().getValueAsString()).isEqualTo("2026-12-04T06:00:00.123Z");
        assertThat(plan.getDescription()).startsWith("Review 3: Two-hourly fluid prompts;");
    }

    @Test
    @DisplayName("two messages about one patient from one sender are two messages about the same two records")
    void sameRecordsNewMessage() {
        Bundle first = parsed(traffic.message("CH001", "9434765129", List.of("RAC", "MDT01"), 1, AT));
        Bundle second = parsed(traffic.message("CH001", "9434765129", List.of("RAC", "MDT01"), 2, AT.plusSeconds(1)));
        Bundle otherSender = parsed(traffic.message("G81001", "9434765129", List.of("RAC", "MDT01"), 1, AT));

        assertThat(second.getEntryFirstRep().getFullUrl())
                .isNotEqualTo(first.getEntryFirstRep().getFullUrl());
        assertThat(second.getEntry().get(1).getFullUrl())
                .isEqualTo(first.getEntry().get(1).getFullUrl());
        assertThat(second.getEntry().get(2).getFullUrl())
                .isEqualTo(first.getEntry().get(2).getFullUrl());
        assertThat(otherSender.getEntry().get(1).getFullUrl())
                .isNotEqualTo(first.getEntry().get(1).getFullUrl());
    }

    @Test
    @DisplayName("patients of different series never overlap, and series 0 starts with the demo patient")
    void patients() {
        List<String> zero = DemoTraffic.patients(0, 20);
        assertThat(zero)
                .startsWith(DemoTraffic.DEMO_PATIENT)
                .doesNotHaveDuplicates()
                .hasSize(20);
        assertThat(DemoTraffic.patients(1, 20)).doesNotContainAnyElementsOf(zero);
    }

    private static Bundle parsed(byte[] json) {
        return (Bundle) FhirParsing.standard().parse(json, "application/fhir+json");
    }
}
