/**
 * The hub's signing keys (Ed25519, JOSE with Nimbus JOSE+JWT): every delivered bundle and every audit checkpoint is
 * signed, the public keys are published as a JWKS ({@code /.well-known/jwks.json}), an IG officer rotates them, and
 * retired keys stay published so older deliveries still verify.
 */
@ApplicationModule(displayName = "Signing keys")
@NullMarked
package org.vanguard.hub.signing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
