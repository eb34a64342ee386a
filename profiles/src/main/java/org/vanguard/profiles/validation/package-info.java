/**
 * The hub's FHIR profiles and the two validators that enforce them: a fast path that checks the
 * profiles' constraints directly and runs on every message, and HAPI's full validation-support chain,
 * which stays the reference (and answers $validate) and must agree with the fast path on every verdict.
 */
@NullMarked
package org.vanguard.profiles.validation;

import org.jspecify.annotations.NullMarked;
