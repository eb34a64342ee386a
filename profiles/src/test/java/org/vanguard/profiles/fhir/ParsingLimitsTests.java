package org.vanguard.profiles.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fixtures.DemoMessage;

class ParsingLimitsTests {

    @AfterEach
    void restoreDefaults() {
        FhirParsing.setLimits(ParsingLimits.DEFAULTS);
    }

    @Test
    @DisplayName("a body over the size limit is refused as too large before it is parsed")
    void bodyTooLarge() {
        FhirParsing.setLimits(new ParsingLimits(100, 64, 1000));

        FhirInputException e = refusal(DemoMessage.bytes(), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.PAYLOAD_TOO_LARGE);
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("(body)");
            assertThat(issue.code()).isEqualTo(IssueType.TOOCOSTLY);
            assertThat(issue.text()).contains("at most 100");
        });
    }

    @Test
    @DisplayName("JSON nested deeper than the limit is refused, however the nesting is spelt")
    void jsonTooDeep() {
        String deep = "{\"resourceType\":\"Patient\",\"extension\":" + "[".repeat(100) + "]".repeat(100) + "}";

        FhirInputException e = refusal(deep.getBytes(StandardCharsets.UTF_8), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues().get(0).text()).contains("nests more than 64 levels");
    }

    @Test
    @DisplayName("brackets inside JSON strings do not count as nesting")
    void bracketsInStringsAreText() {
        Patient patient = new Patient();
        patient.addName().setText("[[[[".repeat(50) + "\\\"{{{{".repeat(50));
        byte[] json = FhirParsing.toJson(patient).getBytes(StandardCharsets.UTF_8);

        assertThat(FhirParsing.parse(json, DemoMessage.JSON)).isInstanceOf(Patient.class);
    }

    @Test
    @DisplayName("XML nested deeper than the limit is refused; the demo message as XML is within it")
    void xmlTooDeep() {
        Bundle bundle = DemoMessage.bundle();
        byte[] xml = FhirParsing.context().newXmlParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
        FhirParsing.setLimits(new ParsingLimits(ParsingLimits.DEFAULT_MAX_BODY_BYTES, 4, 1000));

        assertThat(refusal(xml, DemoMessage.XML).issues().get(0).text()).contains("nests more than 4 levels");

        FhirParsing.setLimits(ParsingLimits.DEFAULTS);
        assertThat(FhirParsing.parse(xml, DemoMessage.XML)).isInstanceOf(Bundle.class);
    }

    @Test
    @DisplayName("XML with a DTD is refused, so an external entity is never read")
    void xmlExternalEntityRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Patient [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<Patient xmlns=\"http://hl7.org/fhir\"><name><text value=\"&xxe;\"/></name></Patient>";

        FhirInputException e = refusal(xxe.getBytes(StandardCharsets.UTF_8), DemoMessage.XML);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues().get(0).text()).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    @DisplayName("a Bundle with more entries than the limit is refused as too large at Bundle.entry")
    void tooManyEntries() {
        byte[] demo = DemoMessage.bytes();
        FhirParsing.setLimits(new ParsingLimits(ParsingLimits.DEFAULT_MAX_BODY_BYTES, 64, 2));

        FhirInputException e = refusal(demo, DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.PAYLOAD_TOO_LARGE);
        assertThat(e.issues().get(0).location()).isEqualTo("Bundle.entry");
    }

    private static FhirInputException refusal(byte[] body, String contentType) {
        FhirInputException e = catchThrowableOfType(FhirInputException.class, () -> FhirParsing.parse(body, contentType));
        assertThat(e).as("the body should have been refused").isNotNull();
        return e;
    }
}
