/**
 * Camel routes that wire profiles (the shape of FHIR data) and governance (who may see what) into the
 * hub's flows. Routes only move messages; every rule they apply lives in a named class they call.
 *
 * <p>Every package of this module is {@code @NullMarked} (JSpecify): a value is present unless its type says
 * {@code @Nullable}, and NullAway checks this when the module compiles.
 */
@NullMarked
package org.vanguard.routes;

import org.jspecify.annotations.NullMarked;
