/**
 * Legitimate relationships between a patient and a participant (registered GP, care-home residency,
 * admission, referral, MDT caseload). Direct care needs one: an agreement lets organisations share, a
 * relationship says this recipient is caring for this patient.
 */
@NullMarked
package org.vanguard.governance.relationship;

import org.jspecify.annotations.NullMarked;
