/**
 * Parsing FHIR R4 input (JSON or XML) once per message and turning every problem into an issue with a
 * FHIRPath location, because a sender can only fix what it can find.
 */
@NullMarked
package org.vanguard.profiles.fhir;

import org.jspecify.annotations.NullMarked;
