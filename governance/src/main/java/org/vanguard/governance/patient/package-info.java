/** Identifying the patient a record is about, as NHS England requires: by a valid NHS number. */
package org.vanguard.governance.patient;
