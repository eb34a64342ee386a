package org.vanguard.governance.agreement;

import java.util.Objects;
import org.vanguard.governance.participant.OdsCode;

/** A party to an agreement and the role it holds; the signatory answers for it. */
public record Party(OdsCode ods, PartyRole role, String signatory) {

    public Party {
        Objects.requireNonNull(ods, "ods");
        Objects.requireNonNull(role, "role");
        signatory = signatory == null ? "" : signatory;
    }
}
