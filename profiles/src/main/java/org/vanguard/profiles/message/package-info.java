/**
 * FHIR messaging as the hub speaks it: a Bundle of type message whose MessageHeader names one of the
 * hub's events and the sending organisation, about one patient identified by NHS number.
 */
@NullMarked
package org.vanguard.profiles.message;

import org.jspecify.annotations.NullMarked;
