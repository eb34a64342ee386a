/**
 * Pseudonym keys as the running hub keeps them: each agreement's HMAC secrets in the database (made on first use, in
 * a transaction of their own so a pseudonym is never issued under a key that was not kept), rotation by an IG
 * officer, and re-identification for the agreement's controller, among its own patients only, every attempt in the
 * audit chain.
 */
@ApplicationModule(displayName = "Pseudonyms")
@NullMarked
package org.vanguard.hub.pseudonym;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
