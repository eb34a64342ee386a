/**
 * Patients' Consents and standing objections on the hub's database, behind governance's ports: the FHIR Consent
 * endpoint senders record a patient's choice with, and the objections (and the national data opt-out file) IG officers
 * manage through the admin API.
 */
@ApplicationModule(displayName = "Consent and objections")
@NullMarked
package org.vanguard.hub.consent;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
