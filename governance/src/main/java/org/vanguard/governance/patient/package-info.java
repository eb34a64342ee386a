/** Identifying the patient a record is about, as NHS England requires: by a valid NHS number. */
@NullMarked
package org.vanguard.governance.patient;

import org.jspecify.annotations.NullMarked;
