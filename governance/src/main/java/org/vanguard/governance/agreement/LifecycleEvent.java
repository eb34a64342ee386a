package org.vanguard.governance.agreement;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;

/**
 * One entry of an agreement's change log: who did what to which version, when, and why. The ICO data sharing
 * code expects an agreement to keep such a record, and the DOMAIN rule that an agreement takes effect only once
 * every party's IG officer has approved that version needs the approvals kept per party and per version.
 *
 * @param party the party an approval is given for; empty for every other action
 * @param officer who acted: the subject of the IG officer's certificate, or the hub itself for a file load
 * @param detail the reason for a suspension or termination, or what changed in a revision
 * @param fingerprint for an approval or revision, the {@link AgreementFingerprint} of the text it concerns, so
 *     an approval of one text never counts for another text published under the same version number
 */
public record LifecycleEvent(
        String agreementId,
        int version,
        LifecycleAction action,
        Optional<OdsCode> party,
        String officer,
        Instant at,
        String detail,
        Optional<String> fingerprint) {

    public LifecycleEvent {
        if (agreementId == null || agreementId.isBlank()) {
            throw new IllegalArgumentException("a lifecycle event names its agreement");
        }
        if (version < 1) {
            throw new IllegalArgumentException("a lifecycle event names a version of 1 or more, not " + version);
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (officer == null || officer.isBlank()) {
            throw new IllegalArgumentException("a lifecycle event records who acted");
        }
        detail = detail == null ? "" : detail.strip();
        if (action == LifecycleAction.APPROVED && (party.isEmpty() || fingerprint.isEmpty())) {
            throw new IllegalArgumentException("an approval names the party it is given for and the text it approves");
        }
        if (action != LifecycleAction.APPROVED && party.isPresent()) {
            throw new IllegalArgumentException("only an approval is given for a party, not a " + action.label());
        }
        if ((action == LifecycleAction.SUSPENDED
                        || action == LifecycleAction.TERMINATED
                        || action == LifecycleAction.REVISED
                        || action == LifecycleAction.WITHDRAWN)
                && detail.isEmpty()) {
            throw new IllegalArgumentException("a " + action.label() + " event records why");
        }
    }
}
