package org.vanguard.hub.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vanguard.hub.web.Role;

class PasswordPolicyTests {

    @Test
    void lengthBoundsAreCountedInCharactersAndTheTextNeverRepeatsThePassword() {
        assertThat(PasswordPolicy.problem("alice", "elevenchars"))
                .hasValueSatisfying(p ->
                        assertThat(p).contains("12 to 128").contains("it is 11").doesNotContain("elevenchars"));
        assertThat(PasswordPolicy.problem("alice", "twelve chars")).isEmpty();
        assertThat(PasswordPolicy.problem("alice", "é".repeat(12))).isEmpty();
        assertThat(PasswordPolicy.problem("alice", "x".repeat(129))).isPresent();
        assertThat(PasswordPolicy.problem("alice", null)).hasValue("a password is required");
    }

    @Test
    void thePasswordIsNotTheUsername() {
        assertThat(PasswordPolicy.problem("long-username-1", "LONG-USERNAME-1"))
                .hasValue("the password must not be the username");
    }

    @Test
    void rolesAreReadByTheirCodesOnly() {
        assertThat(Role.fromCode(" IG-Officer ")).isEqualTo(Role.IG_OFFICER);
        assertThat(Role.fromCode("mdt-member")).isEqualTo(Role.MDT_MEMBER);
        assertThatThrownBy(() -> Role.fromCode("IG_OFFICER")).hasMessageContaining("ig-officer, operator, mdt-member");
    }

    @Test
    void theSameNonPasswordHashesDifferentlyEachTimeAndStillMatches() {
        PasswordHashing hashing = new PasswordHashing();
        String first = hashing.hash("correct horse battery");
        String second = hashing.hash("correct horse battery");
        assertThat(first).startsWith("$argon2id$").isNotEqualTo(second);
        assertThat(hashing.matches("correct horse battery", first)).isTrue();
        assertThat(hashing.matches("correct horse battery", second)).isTrue();
        assertThat(hashing.matches("correct horse batterY", first)).isFalse();
    }
}
