package org.vanguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fhir.FhirFormat;

class FhirFormatNegotiationTests {

    @Test
    @DisplayName("_format wins over Accept, and takes FHIR's short names and media types")
    void formatParameterWins() {
        assertThat(FhirFormatNegotiation.asked("xml", "application/fhir+json")).contains(FhirFormat.XML);
        assertThat(FhirFormatNegotiation.asked("json", "application/fhir+xml")).contains(FhirFormat.JSON);
        assertThat(FhirFormatNegotiation.asked("application/fhir+xml", null)).contains(FhirFormat.XML);
        assertThat(FhirFormatNegotiation.asked("text/xml", null)).contains(FhirFormat.XML);
    }

    @Test
    @DisplayName("Accept is read by quality, FHIR and generic XML or JSON alike; no preference is JSON's to decide")
    void acceptByQuality() {
        assertThat(FhirFormatNegotiation.asked(null, "application/fhir+xml")).contains(FhirFormat.XML);
        assertThat(FhirFormatNegotiation.asked(null, "application/fhir+json;q=0.5, application/fhir+xml;q=0.9"))
                .contains(FhirFormat.XML);
        assertThat(FhirFormatNegotiation.asked(null, "application/xml")).contains(FhirFormat.XML);
        assertThat(FhirFormatNegotiation.asked(null, "*/*")).isEqualTo(Optional.empty());
        assertThat(FhirFormatNegotiation.asked(null, "text/html, application/fhir+xml;q=0"))
                .isEqualTo(Optional.empty());
        assertThat(FhirFormatNegotiation.asked(null, "not a media type;;")).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("a _format the hub cannot write is refused, not silently answered in JSON")
    void unknownFormat() {
        assertThatThrownBy(() -> FhirFormatNegotiation.asked("text/html", null))
                .hasMessageContaining("_format 'text/html'");
        assertThatThrownBy(() -> FhirFormatNegotiation.asked("turtle", null))
                .hasMessageContaining("not one the hub writes");
    }
}
