package org.vanguard.governance.agreement;

import java.net.URI;
import java.time.Period;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;

/**
 * What the ICO data sharing code expects an agreement to record so that each party can answer for the data
 * (UK GDPR Art 5(2), accountability): how long each recipient keeps it, the DPIA that assessed the sharing
 * (Art 35), whom to tell about a breach (Art 33) and where patients are told about it (Arts 13 and 14).
 *
 * @param retention how long each recipient may keep what it receives, as an ISO 8601 period
 */
public record Accountability(
        Map<OdsCode, Period> retention,
        Optional<String> dpiaReference,
        Optional<String> breachContact,
        Optional<URI> privacyNotice) {

    private static final Accountability UNRECORDED =
            new Accountability(Map.of(), Optional.empty(), Optional.empty(), Optional.empty());

    public Accountability {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(dpiaReference, "dpiaReference");
        Objects.requireNonNull(breachContact, "breachContact");
        Objects.requireNonNull(privacyNotice, "privacyNotice");
        retention.forEach((recipient, period) -> {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException(
                        "the retention period of " + recipient + " must be longer than nothing, not " + period);
            }
        });
        retention = Map.copyOf(retention);
        privacyNotice.ifPresent(uri -> {
            if (!uri.isAbsolute()
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException(
                        "the privacy notice must be a web address patients can open, not '" + uri + "'");
            }
        });
    }

    /** An agreement that records none of these yet (a draft, or one written before they were kept). */
    public static Accountability unrecorded() {
        return UNRECORDED;
    }

    public Optional<Period> retentionOf(OdsCode recipient) {
        return Optional.ofNullable(retention.get(recipient));
    }
}
