/**
 * The hub's delivery signing keys (Ed25519, JOSE with Nimbus JOSE+JWT): every delivered bundle is signed, the public
 * keys are published as a JWKS, and retired keys stay published so older deliveries still verify.
 */
package org.vanguard.hub.signing;
