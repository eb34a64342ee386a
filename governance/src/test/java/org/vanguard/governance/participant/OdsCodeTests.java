package org.vanguard.governance.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OdsCodeTests {

    @Test
    @DisplayName("a lower-case ODS code names the same organisation and is kept upper case")
    void normalisesCase() {
        OdsCode code = OdsCode.of("g81001");

        assertThat(code.value()).isEqualTo("G81001");
        assertThat(code).isEqualTo(OdsCode.of("G81001"));
    }

    @Test
    @DisplayName("surrounding blanks are not part of an ODS code")
    void trims() {
        assertThat(OdsCode.of("  ch001 ").value()).isEqualTo("CH001");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"AB", "X", "ABCDEFGHIJKLM", "G81-001", "G81 001", "G8100!", "CH00\u00e9"})
    @DisplayName("a code that is not 3 to 12 letters and digits is refused")
    void refusesBadShape(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OdsCode.of(value))
                .withMessageContaining("is not an ODS code");
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    @DisplayName("a missing ODS code is refused")
    void refusesMissing(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OdsCode(value))
                .withMessage("an ODS code is required");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "https://fhir.nhs.uk/Id/ods-organization-code",
                "https://FHIR.NHS.UK/Id/ODS-Organization-Code",
                "https://fhir.nhs.uk/id/ods-organization-code",
                " https://fhir.nhs.uk/Id/ods-organization-code "
            })
    @DisplayName("the ODS identifier system is recognised whatever the case of its URL")
    void recognisesOdsSystem(String system) {
        assertThat(OdsCode.isOdsSystem(system)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @NullAndEmptySource
    @ValueSource(strings = {"https://fhir.nhs.uk/Id/nhs-number", "https://fhir.nhs.uk/Id/ods-site-code"})
    @DisplayName("other identifier systems are not ODS")
    void rejectsOtherSystems(String system) {
        assertThat(OdsCode.isOdsSystem(system)).isFalse();
    }

    @Test
    @DisplayName("ODS codes sort by their value")
    void sorts() {
        assertThat(OdsCode.of("RAC")).isGreaterThan(OdsCode.of("CH001"));
    }
}
