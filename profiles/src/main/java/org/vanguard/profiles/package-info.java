/**
 * The shape of FHIR data the hub accepts and sends: parsing, the hub's message rules and the
 * OperationOutcome a sender gets when its input is wrong. Knows nothing of governance or routes.
 *
 * <p>Every package of this module is {@code @NullMarked} (JSpecify): a value is present unless its type says
 * {@code @Nullable}, and NullAway checks this when the module compiles.
 */
@NullMarked
package org.vanguard.profiles;

import org.jspecify.annotations.NullMarked;
