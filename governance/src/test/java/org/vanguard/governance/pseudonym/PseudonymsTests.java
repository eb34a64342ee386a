package org.vanguard.governance.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.patient.NhsNumber;

class PseudonymsTests {

    private static final NhsNumber EDITH = NhsNumber.of("9434765919");
    private static final NhsNumber ARTHUR = NhsNumber.of("9434765870");

    /** Keys kept in memory, newest first, rotated on demand: the hub keeps them in its database. */
    private static final class Keys implements PseudonymKeys {
        private final Map<String, List<PseudonymKey>> keys = new HashMap<>();

        @Override
        public PseudonymKey current(String agreementId) {
            return keys.computeIfAbsent(agreementId, id -> new ArrayList<>(List.of(key(1, (byte) id.hashCode()))))
                    .get(0);
        }

        @Override
        public List<PseudonymKey> all(String agreementId) {
            return keys.getOrDefault(agreementId, List.of());
        }

        void rotate(String agreementId) {
            List<PseudonymKey> list = keys.get(agreementId);
            list.add(0, key(list.size() + 1, (byte) (list.size() + 7)));
        }

        private static PseudonymKey key(int number, byte fill) {
            byte[] secret = new byte[32];
            Arrays.fill(secret, fill);
            return new PseudonymKey("k" + number, secret);
        }
    }

    private final Keys keys = new Keys();
    private final Pseudonyms pseudonyms = new Pseudonyms(keys);

    @Test
    @DisplayName(
            "one patient has one pseudonym under an agreement, so a processor can link their records, and no NHS number shows")
    void stableWithinAnAgreement() {
        String first = pseudonyms.of("ISA-RS", EDITH);

        assertThat(pseudonyms.of("ISA-RS", EDITH)).isEqualTo(first);
        assertThat(first).matches("k1-[0-9a-f]{40}").doesNotContain(EDITH.value());
        assertThat(pseudonyms.of("ISA-RS", ARTHUR)).isNotEqualTo(first);
    }

    @Test
    @DisplayName("the same patient has unlinkable pseudonyms under two agreements")
    void differentAcrossAgreements() {
        assertThat(pseudonyms.of("ISA-RS", EDITH)).isNotEqualTo(pseudonyms.of("ISA-RESEARCH", EDITH));
    }

    @Test
    @DisplayName(
            "after rotation a patient gets a new pseudonym, and both old and new still re-identify among the candidates")
    void rotationKeepsOldPseudonymsReidentifiable() {
        String old = pseudonyms.of("ISA-RS", EDITH);
        keys.rotate("ISA-RS");
        String fresh = pseudonyms.of("ISA-RS", EDITH);

        assertThat(fresh).startsWith("k2-").isNotEqualTo(old);
        assertThat(pseudonyms.reidentify("ISA-RS", old, List.of(ARTHUR, EDITH))).contains(EDITH);
        assertThat(pseudonyms.reidentify("ISA-RS", fresh, List.of(ARTHUR, EDITH)))
                .contains(EDITH);
    }

    @Test
    @DisplayName("a pseudonym re-identifies only among the candidates given, and not under another agreement")
    void reidentifiesOnlyAmongCandidates() {
        String pseudonym = pseudonyms.of("ISA-RS", EDITH);
        pseudonyms.of("ISA-RESEARCH", EDITH);

        assertThat(pseudonyms.reidentify("ISA-RS", pseudonym, List.of(ARTHUR))).isEmpty();
        assertThat(pseudonyms.reidentify("ISA-RESEARCH", pseudonym, List.of(EDITH)))
                .isEmpty();
        assertThat(pseudonyms.reidentify("ISA-RS", "not-a-pseudonym", List.of(EDITH)))
                .isEmpty();
    }

    @Test
    @DisplayName("a pseudonym key needs a proper id and at least 32 bytes of secret")
    void keyChecksItself() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PseudonymKey("key-1", new byte[32]));
        assertThatIllegalArgumentException().isThrownBy(() -> new PseudonymKey("k1", new byte[16]));
    }
}
