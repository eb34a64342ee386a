package org.vanguard.governance.consent;

/** What a provision says when it applies (FHIR {@code Consent.provision.type}). */
public enum ConsentAction {
    PERMIT,
    DENY
}
