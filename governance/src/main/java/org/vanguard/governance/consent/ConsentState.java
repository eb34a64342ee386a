package org.vanguard.governance.consent;

/**
 * FHIR {@code Consent.status}. Only an active Consent speaks for the patient; {@code INACTIVE} is how a
 * withdrawal arrives, and it silences the Consent it supersedes.
 */
public enum ConsentState {
    DRAFT,
    PROPOSED,
    ACTIVE,
    REJECTED,
    INACTIVE,
    ENTERED_IN_ERROR
}
