package org.vanguard.profiles.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fixtures.DemoMessage;

class ParsingLimitsTests {

    @Test
    @DisplayName("a body over the size limit is refused as too large before it is parsed")
    void bodyTooLarge() {
        FhirInputException e =
                refusal(new FhirParsing(new ParsingLimits(100, 64, 1000)), DemoMessage.bytes(), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.PAYLOAD_TOO_LARGE);
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("(body)");
            assertThat(issue.code()).isEqualTo(IssueType.TOOLONG);
            assertThat(issue.text()).contains("at most 100");
        });
    }

    @Test
    @DisplayName("JSON nested deeper than the limit is refused, however the nesting is spelt")
    void jsonTooDeep() {
        String deep = "{\"resourceType\":\"Patient\",\"extension\":" + "[".repeat(100) + "]".repeat(100) + "}";

        FhirInputException e = refusal(FhirParsing.standard(), deep.getBytes(StandardCharsets.UTF_8), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues().get(0).text()).contains("nests more than 64 levels");
    }

    @Test
    @DisplayName("brackets inside JSON strings do not count as nesting")
    void bracketsInStringsAreText() {
        Patient patient = new Patient();
        patient.addName().setText("[[[[".repeat(50) + "\\\"{{{{".repeat(50));
        byte[] json = FhirParsing.toJson(patient).getBytes(StandardCharsets.UTF_8);

        assertThat(FhirParsing.standard().parse(json, DemoMessage.JSON)).isInstanceOf(Patient.class);
    }

    @Test
    @DisplayName("XML nested deeper than the limit is refused; the demo message as XML is within it")
    void xmlTooDeep() {
        Bundle bundle = DemoMessage.bundle();
        byte[] xml = FhirParsing.context()
                .newXmlParser()
                .encodeResourceToString(bundle)
                .getBytes(StandardCharsets.UTF_8);
        FhirParsing shallow = new FhirParsing(new ParsingLimits(ParsingLimits.DEFAULT_MAX_BODY_BYTES, 4, 1000));

        assertThat(refusal(shallow, xml, DemoMessage.XML).issues().get(0).text())
                .contains("nests more than 4 levels");
        assertThat(FhirParsing.standard().parse(xml, DemoMessage.XML)).isInstanceOf(Bundle.class);
    }

    @Test
    @DisplayName("XML with a DTD is refused, so an external entity is never read")
    void xmlExternalEntityRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Patient [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<Patient xmlns=\"http://hl7.org/fhir\"><name><text value=\"&xxe;\"/></name></Patient>";

        FhirInputException e = refusal(FhirParsing.standard(), xxe.getBytes(StandardCharsets.UTF_8), DemoMessage.XML);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues().get(0).text()).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    @DisplayName("a Bundle with more entries than the limit is refused as too large at Bundle.entry")
    void tooManyEntries() {
        byte[] demo = DemoMessage.bytes();
        FhirInputException e = refusal(
                new FhirParsing(new ParsingLimits(ParsingLimits.DEFAULT_MAX_BODY_BYTES, 64, 2)),
                demo,
                DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.PAYLOAD_TOO_LARGE);
        assertThat(e.issues().get(0).location()).isEqualTo("Bundle.entry");
        assertThat(e.issues().get(0).code()).isEqualTo(IssueType.TOOLONG);
    }

    @Test
    @DisplayName("a 413 refusal is coded too-long (the content is too long), however its issues were coded")
    void payloadTooLargeIsTooLong() {
        assertThat(OperationOutcomes.of(
                                Rejection.PAYLOAD_TOO_LARGE, java.util.List.of(InputIssue.invalid("(body)", "too big")))
                        .getIssueFirstRep()
                        .getCode())
                .isEqualTo(IssueType.TOOLONG);
    }

    @Test
    @DisplayName("two parsers with different limits side by side each keep their own: limits are not process-wide")
    void limitsBelongToTheParser() {
        FhirParsing strict = new FhirParsing(new ParsingLimits(100, 64, 1000));

        assertThat(refusal(strict, DemoMessage.bytes(), DemoMessage.JSON).rejection())
                .isEqualTo(Rejection.PAYLOAD_TOO_LARGE);
        assertThat(FhirParsing.standard().parse(DemoMessage.bytes(), DemoMessage.JSON))
                .isInstanceOf(Bundle.class);
        assertThat(strict.limits().maxBodyBytes()).isEqualTo(100);
        assertThat(FhirParsing.standard().limits()).isEqualTo(ParsingLimits.DEFAULTS);
    }

    private static FhirInputException refusal(FhirParsing parsing, byte[] body, String contentType) {
        FhirInputException e = catchThrowableOfType(FhirInputException.class, () -> parsing.parse(body, contentType));
        assertThat(e).as("the body should have been refused").isNotNull();
        return e;
    }
}
