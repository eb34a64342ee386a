/**
 * Consent intake: a FHIR Consent (scope patient-privacy) read into the governance model, checked with
 * every problem located, and kept so that every later decision about the patient honours it.
 */
@NullMarked
package org.vanguard.routes.consent;

import org.jspecify.annotations.NullMarked;
