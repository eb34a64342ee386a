package org.vanguard.routes.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.fhir.FhirInputException;

class QueryParametersTests {

    private static final String SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    @Test
    @DisplayName("the NHS number token is read with its system and check digit")
    void nhsNumber() {
        assertThat(QueryParameters.nhsNumber("identifier", SYSTEM + "|9434765919")
                        .value())
                .isEqualTo("9434765919");
    }

    @Test
    @DisplayName("a missing token, another system, no system or a bad check digit is refused at the parameter")
    void badNhsNumbers() {
        for (String token : new String[] {null, "", "9434765919", "urn:oid:1.2|9434765919", SYSTEM + "|9434765918"}) {
            assertThatThrownBy(() -> QueryParameters.nhsNumber("patient.identifier", token))
                    .isInstanceOfSatisfying(
                            FhirInputException.class,
                            e -> assertThat(e.issues())
                                    .singleElement()
                                    .satisfies(i -> assertThat(i.location()).isEqualTo("patient.identifier")));
        }
    }

    @Test
    @DisplayName("a purpose is a code the hub knows, alone or with its own code system")
    void purposes() {
        assertThat(QueryParameters.purpose("TREAT")).isEqualTo(Purpose.TREAT);
        assertThat(QueryParameters.purpose(Purpose.HUB_SYSTEM + "|CASEFIND")).isEqualTo(Purpose.CASEFIND);
        for (String header : new String[] {null, " ", "SHOPPING", Purpose.HUB_SYSTEM + "|TREAT"}) {
            assertThatThrownBy(() -> QueryParameters.purpose(header))
                    .isInstanceOfSatisfying(
                            FhirInputException.class,
                            e -> assertThat(e.issues())
                                    .singleElement()
                                    .satisfies(i -> assertThat(i.location()).isEqualTo("X-Purpose-Of-Use")));
        }
    }
}
