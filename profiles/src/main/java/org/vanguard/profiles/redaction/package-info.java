/**
 * Element-level redaction of FHIR resources before they leave the hub: keep only what an agreement's data
 * scope allows, withhold sensitive items (by security label and by the shipped sensitive clinical codes),
 * strip a restricted patient's contact details, and label what leaves.
 */
@NullMarked
package org.vanguard.profiles.redaction;

import org.jspecify.annotations.NullMarked;
