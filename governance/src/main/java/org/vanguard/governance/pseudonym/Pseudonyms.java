package org.vanguard.governance.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.vanguard.governance.patient.NhsNumber;

/**
 * Makes and reverses an agreement's keyed pseudonyms: {@code <keyId>-<first 20 bytes of HMAC-SHA256(secret, agreement
 * id | NHS number) in hex>}. The agreement id is inside the MAC as well as the per-agreement secret, so two agreements'
 * pseudonyms of one patient never match even if a secret were reused. Reversal recomputes the MAC over candidate NHS
 * numbers (the patients the asking controller already has a relationship with): nothing maps pseudonyms back.
 */
public final class Pseudonyms {

    /** The identifier system of a hub pseudonym in FHIR resources. */
    public static final String SYSTEM = "https://vanguard-hub.org/fhir/Id/pseudonym";

    private final PseudonymKeys keys;

    public Pseudonyms(PseudonymKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The patient's pseudonym under the agreement's current key. */
    public String of(String agreementId, NhsNumber patient) {
        return of(keys.current(agreementId), agreementId, patient);
    }

    /** The patient among the candidates whose pseudonym, under any key the agreement has had, is the one given. */
    public Optional<NhsNumber> reidentify(String agreementId, String pseudonym, Collection<NhsNumber> candidates) {
        int dash = pseudonym.indexOf('-');
        if (dash < 1) {
            return Optional.empty();
        }
        String keyId = pseudonym.substring(0, dash);
        for (PseudonymKey key : keys.all(agreementId)) {
            if (!key.keyId().equals(keyId)) {
                continue;
            }
            Mac mac = mac(key);
            for (NhsNumber candidate : candidates) {
                if (pseudonym.equals(format(key, mac, agreementId, candidate))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    static String of(PseudonymKey key, String agreementId, NhsNumber patient) {
        return format(key, mac(key), agreementId, patient);
    }

    private static String format(PseudonymKey key, Mac mac, String agreementId, NhsNumber patient) {
        byte[] digest = mac.doFinal((agreementId + "|" + patient.value()).getBytes(StandardCharsets.UTF_8));
        return key.keyId() + "-" + HexFormat.of().formatHex(digest, 0, 20);
    }

    private static Mac mac(PseudonymKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
