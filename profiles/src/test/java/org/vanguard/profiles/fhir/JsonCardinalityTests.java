package org.vanguard.profiles.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonCardinalityTests {

    private static String demo() throws IOException {
        return Files.readString(Path.of("../governance/demo/messages/careplan-update.json"));
    }

    private static FhirInputException refused(String json) {
        return catchThrowableOfType(
                FhirInputException.class,
                () -> FhirParsing.standard().parse(json.getBytes(StandardCharsets.UTF_8), "application/fhir+json"));
    }

    @Test
    @DisplayName("a single-valued element written as a one-element list is refused at its element, inside the Bundle")
    void listForSingleValue() throws IOException {
        FhirInputException e = refused(demo().replace("\"status\": \"active\"", "\"status\": [\"active\"]"));

        assertThat(e).isNotNull();
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo("Bundle.entry[2].resource.status");
            assertThat(issue.text()).contains("not a list");
        });
    }

    @Test
    @DisplayName("a list where one value belongs is found in nested datatypes and choice elements too")
    void nested() {
        String patient =
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":[\"Hartley\"]}],\"deceasedBoolean\":[false]}";

        assertThat(refused(patient).issues())
                .extracting(InputIssue::location)
                .containsExactlyInAnyOrder("Patient.name[0].family", "Patient.deceasedBoolean");
    }

    @Test
    @DisplayName("the demo message and repeating elements written as lists are accepted")
    void validAccepted() throws IOException {
        assertThat(FhirParsing.standard().parse(demo().getBytes(StandardCharsets.UTF_8), "application/fhir+json"))
                .isNotNull();
        assertThat(JsonCardinality.check(
                        "{\"resourceType\":\"Patient\",\"name\":[{\"given\":[\"Edith\",\"May\"]}]}"
                                .getBytes(StandardCharsets.UTF_8),
                        FhirParsing.context()))
                .isEmpty();
    }
}
