/**
 * Camel routes that wire profiles (the shape of FHIR data) and governance (who may see what) into the
 * hub's flows. Routes only move messages; every rule they apply lives in a named class they call.
 */
@NullMarked
package org.vanguard.routes;

import org.jspecify.annotations.NullMarked;
