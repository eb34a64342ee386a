package org.vanguard.governance.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTests {

    @ParameterizedTest(name = "{0}")
    // Check digits computed by hand with weights 10..2: 943476591 -> 9, 943476587 -> 0 (11 - 0 = 11, so 0),
    // 401023213 -> 7, 485777345 -> 7.
    @ValueSource(strings = {"9434765919", "9434765870", "4010232137", "4857773457"})
    @DisplayName("a ten-digit number whose last digit is its Modulus 11 check digit is an NHS number")
    void acceptsValidNumbers(String value) {
        assertThat(NhsNumber.of(value).value()).isEqualTo(value);
    }

    @Test
    @DisplayName("a remainder of 0 gives a check digit of 11, which is written as 0")
    void elevenBecomesZero() {
        // 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 8*3 + 7*2 = 308 = 28 * 11
        assertThat(NhsNumber.of("9434765870").value()).endsWith("0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NhsNumber.of("9434765871"))
                .withMessageContaining("Modulus 11");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"9434765918", "9434765910", "4010232136", "9434765879"})
    @DisplayName("a number whose last digit is not its check digit identifies nobody and is refused")
    void refusesWrongCheckDigit(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NhsNumber.of(value))
                .withMessage("NHS number " + value + " fails its Modulus 11 check digit");
    }

    @ParameterizedTest(name = "{0}")
    // 123456789: sum 210, 210 mod 11 = 1, check 10. 000000006: sum 12, mod 11 = 1, check 10.
    @ValueSource(strings = {"1234567890", "1234567891", "0000000060"})
    @DisplayName("no NHS number begins with nine digits whose check digit would be 10, whatever its last digit")
    void refusesCheckDigitTen(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NhsNumber.of(value))
                .withMessageContaining("check digit would be 10")
                .withMessageContaining(value.substring(0, 9));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"943476591", "94347659190", "943476591X", "ABCDEFGHIJ", "9434.76591", "+434765919"})
    @DisplayName("anything but exactly ten digits is refused")
    void refusesWrongShape(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NhsNumber.of(value))
                .withMessage("an NHS number has exactly ten digits");
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @DisplayName("a missing NHS number is refused")
    void refusesMissing(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> new NhsNumber(value));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"943 476 5919", "943-476-5919", " 9434765919 "})
    @DisplayName("spaces and hyphens as people write NHS numbers are tolerated and dropped")
    void toleratesSeparators(String value) {
        NhsNumber number = NhsNumber.of(value);

        assertThat(number.value()).isEqualTo("9434765919");
        assertThat(number).isEqualTo(NhsNumber.of("9434765919"));
        assertThat(number).hasToString("9434765919");
    }

    @Test
    @DisplayName("the check digit function follows weights 10 down to 2 on the first nine digits")
    void checkDigitOf() {
        assertThat(NhsNumber.checkDigitOf("943476591")).isEqualTo(9);
        assertThat(NhsNumber.checkDigitOf("943476587")).isZero();
        assertThat(NhsNumber.checkDigitOf("123456789")).isEqualTo(10);
    }
}
