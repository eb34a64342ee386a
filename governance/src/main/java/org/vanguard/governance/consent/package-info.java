/**
 * Patients' own choices, as FHIR Consent (scope patient-privacy) expresses them and IHE Privacy Consent on
 * FHIR interprets them: a base permit or deny with nested provisions as exceptions. A later Consent
 * supersedes an earlier one; a withdrawn Consent counts for nothing from the moment it is withdrawn.
 */
@NullMarked
package org.vanguard.governance.consent;

import org.jspecify.annotations.NullMarked;
