package org.vanguard.governance.consent;

import java.util.Objects;
import java.util.Optional;

/**
 * What the patient's current Consent says about one exchange, and which provision said it, so that the
 * decision can quote the Consent record and the provision path to an IG officer.
 *
 * @param record the Consent consulted; empty when the patient never recorded one
 * @param provision the provision that decided; empty when the Consent has no opinion
 */
public record ConsentVerdict(Outcome outcome, Optional<ConsentRecord> record, Optional<ConsentProvision> provision) {

    /** Permit or deny from the deciding provision, or no opinion (no Consent, a withdrawn one, or one that does not speak to this exchange). */
    public enum Outcome {
        PERMIT,
        DENY,
        NO_OPINION
    }

    private static final ConsentVerdict NO_CONSENT =
            new ConsentVerdict(Outcome.NO_OPINION, Optional.empty(), Optional.empty());

    public ConsentVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(provision, "provision");
        if (outcome != Outcome.NO_OPINION && (record.isEmpty() || provision.isEmpty())) {
            throw new IllegalArgumentException("a Consent that permits or denies names its record and provision");
        }
    }

    /** The patient never recorded a Consent. */
    public static ConsentVerdict noConsent() {
        return NO_CONSENT;
    }

    public boolean permits() {
        return outcome == Outcome.PERMIT;
    }

    public boolean denies() {
        return outcome == Outcome.DENY;
    }

    /** The Consent and provision in words an IG officer can find them by, e.g. {@code Consent C-1 (recorded ...) provision.provision[0]}. */
    public String citation() {
        if (record.isEmpty()) {
            return "no Consent is recorded for the patient";
        }
        ConsentRecord consent = record.get();
        String recorded = "Consent " + consent.id() + " (recorded " + consent.dateTime()
                + consent.recordedBy().map(by -> " by " + by).orElse("") + ")";
        if (!consent.isActive()) {
            return recorded + " is "
                    + consent.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + (consent.state() == ConsentState.INACTIVE ? " (withdrawn)" : "")
                    + " and counts for nothing";
        }
        if (provision.isEmpty()) {
            return recorded + " does not speak to this exchange";
        }
        return recorded + " " + provision.get().path();
    }
}
