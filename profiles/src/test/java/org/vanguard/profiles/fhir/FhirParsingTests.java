package org.vanguard.profiles.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vanguard.profiles.fixtures.DemoMessage;

class FhirParsingTests {

    @Test
    @DisplayName("the demo care-plan message parses as a FHIR R4 Bundle")
    void parsesDemoJson() {
        Resource resource = FhirParsing.standard().parse(DemoMessage.bytes(), DemoMessage.JSON);

        assertThat(resource).isInstanceOf(Bundle.class);
        assertThat(((Bundle) resource).getEntry()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/fhir+json; charset=utf-8", "application/json", "APPLICATION/FHIR+JSON"})
    @DisplayName("a JSON Content-Type with parameters or in another spelling is still JSON")
    void acceptsJsonContentTypeVariants(String contentType) {
        assertThat(FhirParsing.standard().parse(DemoMessage.bytes(), contentType))
                .isInstanceOf(Bundle.class);
    }

    @Test
    @DisplayName("malformed JSON is refused as invalid at the body")
    void refusesMalformedJson() {
        FhirInputException e =
                refusal("{\"resourceType\": \"Bundle\", \"type\": ".getBytes(StandardCharsets.UTF_8), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("(body)");
            assertThat(issue.text()).startsWith("not valid FHIR JSON");
        });
    }

    @Test
    @DisplayName("an empty body is refused as a missing body")
    void refusesEmptyBody() {
        FhirInputException e = refusal(new byte[0], DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("(body)");
            assertThat(issue.code()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
        });
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"text/plain", "application/octet-stream", ""})
    @DisplayName("a Content-Type that is not FHIR is refused as an unsupported media type")
    void refusesUnsupportedMediaType(String contentType) {
        FhirInputException e = refusal(DemoMessage.bytes(), contentType);

        assertThat(e.rejection()).isEqualTo(Rejection.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("(Content-Type)");
            assertThat(issue.text()).contains("is not FHIR");
        });
    }

    @Test
    @DisplayName("a body that is XML under a JSON Content-Type is refused, saying both")
    void refusesXmlLabelledAsJson() {
        FhirInputException e = refusal(demoAsXml().getBytes(StandardCharsets.UTF_8), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("(Content-Type)");
            assertThat(issue.text()).isEqualTo("Content-Type says JSON but the body is XML");
        });
    }

    @Test
    @DisplayName("a body that is JSON under an XML Content-Type is refused too")
    void refusesJsonLabelledAsXml() {
        FhirInputException e = refusal(DemoMessage.bytes(), DemoMessage.XML);

        assertThat(e.issues())
                .singleElement()
                .extracting(InputIssue::text)
                .isEqualTo("Content-Type says XML but the body is JSON");
    }

    @Test
    @DisplayName("a body that is neither JSON nor XML is refused at the body")
    void refusesNeitherJsonNorXml() {
        FhirInputException e = refusal("resourceType=Bundle".getBytes(StandardCharsets.UTF_8), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues()).singleElement().extracting(InputIssue::location).isEqualTo("(body)");
    }

    @Test
    @DisplayName("an element FHIR R4 does not define is refused by name, not dropped")
    void refusesUnknownElement() {
        String json = DemoMessage.json()
                .replace("\"gender\": \"female\",", "\"gender\": \"female\", \"favouriteColour\": \"blue\",");

        FhirInputException e = refusal(json.getBytes(StandardCharsets.UTF_8), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.text()).contains("unknown element 'favouriteColour'");
            assertThat(issue.location()).endsWith("favouriteColour");
        });
    }

    @Test
    @DisplayName("a coded value outside its value set is refused, not silently read")
    void refusesInvalidCode() {
        String json = DemoMessage.json().replace("\"gender\": \"female\"", "\"gender\": \"woman\"");

        FhirInputException e = refusal(json.getBytes(StandardCharsets.UTF_8), DemoMessage.JSON);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.issues()).anySatisfy(issue -> assertThat(issue.text()).contains("woman"));
    }

    @Test
    @DisplayName("the demo message encoded as XML is accepted with an XML Content-Type and reads the same")
    void acceptsDemoAsXml() {
        Resource resource = FhirParsing.standard().parse(demoAsXml().getBytes(StandardCharsets.UTF_8), DemoMessage.XML);

        assertThat(resource).isInstanceOf(Bundle.class);
        Bundle bundle = (Bundle) resource;
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.MESSAGE);
        assertThat(FhirParsing.toJson(bundle)).isEqualTo(FhirParsing.toJson(DemoMessage.bundle()));
    }

    @Test
    @DisplayName("an XML body declaring an external entity is refused and the entity is never resolved")
    void refusesExternalEntity(@TempDir Path dir) throws Exception {
        String marker = "MARKER-" + System.nanoTime() + "-SECRET";
        Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
        String xml = withTitle(
                withDoctype(demoAsXml(), "<!DOCTYPE Bundle [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>"),
                "&xxe;");

        FhirInputException e = refusal(xml.getBytes(StandardCharsets.UTF_8), DemoMessage.XML);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.getMessage()).doesNotContain(marker);
        assertThat(e.issues()).allSatisfy(issue -> assertThat(issue.text()).doesNotContain(marker));
        assertThat(FhirParsing.toJson(OperationOutcomes.of(e.issues()))).doesNotContain(marker);
    }

    @Test
    @DisplayName("an XML body whose entity comes from an external DTD is refused and the DTD's text never appears")
    void refusesEntityFromExternalDtd(@TempDir Path dir) throws Exception {
        String marker = "MARKER-" + System.nanoTime() + "-FROM-DTD";
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY xxe \"" + marker + "\">");
        String xml = withTitle(withDoctype(demoAsXml(), "<!DOCTYPE Bundle SYSTEM \"" + dtd.toUri() + "\">"), "&xxe;");

        FhirInputException e = refusal(xml.getBytes(StandardCharsets.UTF_8), DemoMessage.XML);

        assertThat(e.rejection()).isEqualTo(Rejection.INVALID);
        assertThat(e.getMessage()).doesNotContain(marker);
        assertThat(FhirParsing.toJson(OperationOutcomes.of(e.issues()))).doesNotContain(marker);
    }

    private static String demoAsXml() {
        return FhirParsing.context().newXmlParser().encodeResourceToString(DemoMessage.bundle());
    }

    private static String withDoctype(String xml, String doctype) {
        String body = xml.startsWith("<?xml") ? xml.substring(xml.indexOf("?>") + 2) : xml;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype + "\n" + body;
    }

    /** Replaces the CarePlan's title, checking that it was there to replace. */
    private static String withTitle(String xml, String title) {
        String changed = xml.replaceFirst(
                "<title value=\"Falls prevention and hydration plan\"\\s*(/>|></title>)",
                "<title value=\"" + title + "\"/>");
        assertThat(changed).contains("<title value=\"" + title + "\"/>");
        return changed;
    }

    private static FhirInputException refusal(byte[] body, String contentType) {
        FhirInputException e = catchThrowableOfType(
                FhirInputException.class, () -> FhirParsing.standard().parse(body, contentType));
        assertThat(e).as("the body should have been refused").isNotNull();
        return e;
    }
}
