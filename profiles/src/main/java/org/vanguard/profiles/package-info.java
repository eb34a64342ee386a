/**
 * The shape of FHIR data the hub accepts and sends: parsing, the hub's message rules and the
 * OperationOutcome a sender gets when its input is wrong. Knows nothing of governance or routes.
 */
@NullMarked
package org.vanguard.profiles;

import org.jspecify.annotations.NullMarked;
