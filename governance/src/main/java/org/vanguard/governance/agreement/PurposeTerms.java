package org.vanguard.governance.agreement;

import java.util.Objects;
import org.vanguard.governance.purpose.Purpose;

/**
 * A purpose an agreement allows, with the legal bases the ICO data sharing code asks to be recorded:
 * UK GDPR Article 6 basis, Article 9 condition and the common-law gateway.
 */
public record PurposeTerms(Purpose purpose, String article6, String article9, LawfulGateway gateway) {

    public PurposeTerms {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(gateway, "gateway");
        if (article6 == null || article6.isBlank()) {
            throw new IllegalArgumentException("purpose " + purpose + " needs its UK GDPR Article 6 basis");
        }
        if (article9 == null || article9.isBlank()) {
            throw new IllegalArgumentException("purpose " + purpose + " needs its UK GDPR Article 9 condition");
        }
    }
}
