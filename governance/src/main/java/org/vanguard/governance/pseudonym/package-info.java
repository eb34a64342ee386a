/**
 * Keyed pseudonyms for pseudonymised data (ICO anonymisation guidance; NHS England's pseudonymisation standard):
 * the NHS number replaced by an HMAC-SHA256 under a secret kept per agreement, so a processor can link one patient's
 * records across messages under that agreement and nowhere else, and only the hub, holding the secret, can go back
 * from a pseudonym to the patient, for the controller's own care team. Secrets rotate: a new key pseudonymises from
 * then on, and retired keys stay for re-identification. The secrets are kept behind the {@link
 * org.vanguard.governance.pseudonym.PseudonymKeys} port.
 */
@NullMarked
package org.vanguard.governance.pseudonym;

import org.jspecify.annotations.NullMarked;
