package org.vanguard.profiles.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;

class IdAndTextRulesTests {

    @Test
    @DisplayName("an id with a version, as the parser writes it back (Type/id/_history/v), is still one valid id")
    void versionedIdsAccepted() {
        Bundle bundle = (Bundle) FhirParsing.standard()
                .parse(
                        ("{\"resourceType\":\"Bundle\",\"id\":\"b-1\",\"type\":\"message\",\"entry\":["
                                        + "{\"fullUrl\":\"urn:uuid:7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\",\"resource\":{\"resourceType\":\"CarePlan\","
                                        + "\"id\":\"plan-1\",\"meta\":{\"versionId\":\"3\"},\"status\":\"active\",\"intent\":\"plan\","
                                        + "\"title\":\"Hartley-O'Neil Ævarsdóttir\\tplan\"}}]}")
                                .getBytes(),
                        "application/fhir+json");
        List<InputIssue> issues = new ArrayList<>();

        IdAndTextRules.check(bundle, issues);

        assertThat(issues).isEmpty();
    }

    @Test
    @DisplayName(
            "a Bundle.id with '/' (which the parser would quietly shorten), a javascript: fullUrl, a NUL and a bidirectional override are each refused at their element")
    void brokenRulesLocated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FhirParsing.standard()
                        .parse(
                                "{\"resourceType\":\"Bundle\",\"id\":\"../../x\",\"type\":\"message\"}".getBytes(),
                                "application/fhir+json"))
                .isInstanceOfSatisfying(
                        org.vanguard.profiles.fhir.FhirInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(InputIssue::location)
                                .containsExactly("Bundle.id"));
        Bundle bundle = (Bundle) FhirParsing.standard()
                .parse(
                        ("{\"resourceType\":\"Bundle\",\"id\":\"b-2\",\"type\":\"message\",\"entry\":["
                                        + "{\"fullUrl\":\"javascript:alert(1)\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\","
                                        + "\"name\":[{\"family\":\"Hart\\u0000ley\",\"given\":[\"Ed\\u202eith\"]}]}}]}")
                                .getBytes(),
                        "application/fhir+json");
        List<InputIssue> issues = new ArrayList<>();

        IdAndTextRules.check(bundle, issues);

        assertThat(issues)
                .extracting(InputIssue::location)
                .containsExactlyInAnyOrder(
                        "Bundle.entry[0].fullUrl",
                        "Bundle.entry[0].resource.name[0].family",
                        "Bundle.entry[0].resource.name[0].given[0]");
    }

    @Test
    @DisplayName(
            "an absolute fullUrl that ends with the resource's type and id (FHIR R4 Bundle) is accepted: HAPI gives it the fullUrl as id")
    void absoluteFullUrls() {
        Bundle agreeing = (Bundle) FhirParsing.standard()
                .parse(
                        ("{\"resourceType\":\"Bundle\",\"type\":\"message\",\"entry\":["
                                        + "{\"fullUrl\":\"https://rosewood.example/fhir/Patient/UKCore-Patient-RichardSmith-Example\",\"resource\":"
                                        + "{\"resourceType\":\"Patient\",\"id\":\"UKCore-Patient-RichardSmith-Example\"}}]}")
                                .getBytes(),
                        "application/fhir+json");
        List<InputIssue> issues = new ArrayList<>();
        IdAndTextRules.check(agreeing, issues);
        assertThat(issues).isEmpty();
    }
}
