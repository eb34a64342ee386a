/**
 * The hub's delivery signing keys (Ed25519, with Bouncy Castle): every delivered bundle is signed, the public
 * keys are published as a JWKS, and retired keys stay published so older deliveries still verify.
 */
package org.vanguard.hub.signing;
