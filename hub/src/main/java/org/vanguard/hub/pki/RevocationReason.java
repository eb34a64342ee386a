package org.vanguard.hub.pki;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Why a certificate was revoked, with the RFC 5280 section 5.3.1 reason code written into the CRL. Only the
 * reasons that make sense for a participant's or officer's certificate are offered; {@code certificateHold}
 * is left out because a revocation here is final (rotation issues a new certificate instead).
 */
public enum RevocationReason {
    UNSPECIFIED("unspecified", CRLReason.unspecified),
    KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
    AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
    SUPERSEDED("superseded", CRLReason.superseded),
    CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn);

    private final String label;
    private final int code;

    RevocationReason(String label, int code) {
        this.label = label;
        this.code = code;
    }

    public String label() {
        return label;
    }

    public int code() {
        return code;
    }

    /** Accepts the RFC 5280 name ({@code keyCompromise}) in any case; an unknown one names the accepted values. */
    public static RevocationReason fromLabel(String label) {
        return Arrays.stream(values())
                .filter(reason -> reason.label
                        .toLowerCase(Locale.ROOT)
                        .equals(label.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown revocation reason '" + label + "'; one of "
                        + Arrays.stream(values()).map(RevocationReason::label).collect(Collectors.joining(", "))));
    }
}
