package org.vanguard.governance.agreement;

import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.purpose.Purpose;

/**
 * A purpose an agreement allows, with the legal bases the ICO data sharing code asks to be recorded:
 * UK GDPR Article 6 basis, Article 9 condition and the common-law gateway, and any National Data Opt-out
 * exemption recorded for it (the National Data Opt-out operational policy lets some s251-supported
 * purposes be exempted, e.g. by the Secretary of State or the Confidentiality Advisory Group).
 *
 * @param optOutExemption the reference of the recorded exemption from the National Data Opt-out, if any
 */
public record PurposeTerms(
        Purpose purpose, String article6, String article9, LawfulGateway gateway, Optional<String> optOutExemption) {

    public PurposeTerms {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(optOutExemption, "optOutExemption");
        if (article6 == null || article6.isBlank()) {
            throw new IllegalArgumentException("purpose " + purpose + " needs its UK GDPR Article 6 basis");
        }
        if (article9 == null || article9.isBlank()) {
            throw new IllegalArgumentException("purpose " + purpose + " needs its UK GDPR Article 9 condition");
        }
        if (optOutExemption.isPresent() && optOutExemption.get().isBlank()) {
            throw new IllegalArgumentException(
                    "purpose " + purpose + " records an empty National Data Opt-out exemption");
        }
    }

    public PurposeTerms(Purpose purpose, String article6, String article9, LawfulGateway gateway) {
        this(purpose, article6, article9, gateway, Optional.empty());
    }
}
