/**
 * Consent intake: a FHIR Consent (scope patient-privacy) read into the governance model, checked with
 * every problem located, and kept so that every later decision about the patient honours it.
 */
package org.vanguard.routes.consent;
