package org.vanguard.profiles.validation;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The NHS number's Modulus 11 check (NHS Data Dictionary; UK Core's NHS number slice): weights 10 down to
 * 2 on the first nine digits, check = 11 - (sum mod 11), 11 becomes 0, 10 means no valid number. Spaces
 * and hyphens are layout, not content. The profiles' FHIRPath invariants hub-nhs-1 and hub-nhs-2 say the
 * same; the words here match governance's NhsNumber, so a sender reads one explanation wherever it is found.
 */
public final class NhsNumberCheck {

    private NhsNumberCheck() {}

    /** What is wrong with this NHS number, in words; empty when it is a valid NHS number. */
    public static Optional<String> problem(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("an NHS number is required");
        }
        String digits = value.replace(" ", "").replace("-", "");
        if (digits.length() != 10) {
            return Optional.of("an NHS number has exactly ten digits");
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.of("an NHS number has exactly ten digits");
            }
            if (i < 9) {
                sum += (c - '0') * (10 - i);
            }
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        if (check == 10) {
            return Optional.of(
                    "no NHS number begins " + digits.substring(0, 9) + ": its Modulus 11 check digit would be 10");
        }
        if (check != digits.charAt(9) - '0') {
            return Optional.of("NHS number " + digits + " fails its Modulus 11 check digit");
        }
        return Optional.empty();
    }
}
