package org.vanguard.profiles.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberCheckTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"9434765919", "943 476 5919", "943-476-5919", "9434765870", "4010232137"})
    @DisplayName(
            "a number whose tenth digit is the Modulus 11 check digit of the first nine is an NHS number, however it is spaced")
    void valid(String value) {
        assertThat(NhsNumberCheck.problem(value)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "9434765918|NHS number 9434765918 fails its Modulus 11 check digit",
                "1234567890|no NHS number begins 123456789: its Modulus 11 check digit would be 10",
                "943476591|an NHS number has exactly ten digits",
                "94347659AB|an NHS number has exactly ten digits"
            })
    @DisplayName("a number that is not an NHS number is refused in the same words governance uses")
    void invalid(String value, String problem) {
        assertThat(NhsNumberCheck.problem(value)).contains(problem);
    }
}
