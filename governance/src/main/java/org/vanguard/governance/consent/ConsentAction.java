package org.vanguard.governance.consent;

/** What a provision says when it applies (FHIR {@code Consent.provision.type}). */
public enum ConsentAction {
    PERMIT,
    DENY,
    /**
     * The root provision states no base decision. FHIR R4 makes the root's type optional (the Consent's policy then
     * decides); the hub cannot read a policy it does not hold, so an unstated root neither permits nor denies: only
     * its nested provisions, each of which must say permit or deny, speak for the patient.
     */
    UNSTATED
}
