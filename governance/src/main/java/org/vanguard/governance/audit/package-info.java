/**
 * The audit of decisions: every permit and every deny is recorded with purpose, patient, agreement and
 * rule, because an IG officer must be able to answer for each disclosure and each refusal.
 */
@NullMarked
package org.vanguard.governance.audit;

import org.jspecify.annotations.NullMarked;
