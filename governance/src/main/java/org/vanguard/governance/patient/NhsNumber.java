package org.vanguard.governance.patient;

/**
 * A ten-digit NHS number whose last digit is its Modulus 11 check digit (NHS Data Dictionary: weights 10
 * down to 2 on the first nine digits; check = 11 - (sum mod 11), 11 becomes 0, 10 means no valid number).
 * UK Core identifies a patient by it, so a number that fails the check identifies nobody and is refused.
 */
public record NhsNumber(String value) {

    /** The FHIR identifier system of NHS numbers. */
    public static final String SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    public NhsNumber {
        if (value == null) {
            throw new IllegalArgumentException("an NHS number is required");
        }
        value = value.replace(" ", "").replace("-", "");
        if (value.length() != 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("an NHS number has exactly ten digits");
        }
        int expected = checkDigitOf(value);
        if (expected == 10) {
            throw new IllegalArgumentException(
                    "no NHS number begins " + value.substring(0, 9) + ": its Modulus 11 check digit would be 10");
        }
        if (expected != value.charAt(9) - '0') {
            throw new IllegalArgumentException("NHS number " + value + " fails its Modulus 11 check digit");
        }
    }

    public static NhsNumber of(String value) {
        return new NhsNumber(value);
    }

    /**
     * The NHS number that begins with these nine digits, when there is one (for synthetic test patients:
     * one in eleven prefixes has none).
     */
    public static java.util.Optional<NhsNumber> completing(long nineDigits) {
        String digits = String.format("%09d", nineDigits);
        int check = checkDigitOf(digits);
        return check == 10 ? java.util.Optional.empty() : java.util.Optional.of(new NhsNumber(digits + check));
    }

    /** The check digit the first nine digits call for; 10 means there is no valid number with them. */
    static int checkDigitOf(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }

    @Override
    public String toString() {
        return value;
    }
}
