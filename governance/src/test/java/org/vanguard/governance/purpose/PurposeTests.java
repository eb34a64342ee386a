package org.vanguard.governance.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PurposeTests {

    @ParameterizedTest(name = "{0} is direct care: {1}")
    @CsvSource({
        "TREAT, true",
        "ETREAT, true",
        "BTG, true",
        "CASEFIND, false",
        "POPHLTH, false",
        "HOPERAT, false",
        "HRESCH, false",
        "PUBHLTH, false"
    })
    @DisplayName("direct care, emergency care and break-glass are direct care; every other purpose is secondary use")
    void directCareOrSecondary(String code, boolean directCare) {
        assertThat(Purpose.fromCode(code).isDirectCare()).isEqualTo(directCare);
    }

    @Test
    @DisplayName("risk stratification is not direct care")
    void riskStratificationIsSecondary() {
        assertThat(Purpose.POPHLTH.isDirectCare()).isFalse();
    }

    @Test
    @DisplayName("case finding is coded in the hub's system because ActReason has no code for it")
    void caseFindingUsesHubSystem() {
        assertThat(Purpose.CASEFIND.system()).isEqualTo(Purpose.HUB_SYSTEM);
        assertThat(Purpose.TREAT.system()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActReason");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"treat", " Treat ", "TREAT"})
    @DisplayName("a purpose code is read whatever its case and surrounding blanks")
    void readsCodeLeniently(String code) {
        assertThat(Purpose.fromCode(code)).isEqualTo(Purpose.TREAT);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"TREATMENT", "RESEARCH", "", "DIRECT-CARE"})
    @DisplayName("an unknown purpose code is refused, naming the codes that exist")
    void refusesUnknownCode(String code) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Purpose.fromCode(code))
                .withMessageContaining("unknown purpose of use '" + code + "'")
                .withMessageContaining("TREAT");
    }

    @Test
    @DisplayName("a missing purpose code finds no purpose")
    void nullFindsNothing() {
        assertThat(Purpose.find(null)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> Purpose.fromCode(null));
    }
}
