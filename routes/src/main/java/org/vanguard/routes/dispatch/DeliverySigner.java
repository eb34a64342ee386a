package org.vanguard.routes.dispatch;

/**
 * Port to the hub's signing key: a recipient can prove a delivered bundle is what the hub sent by checking
 * its signature against the hub's published keys.
 */
public interface DeliverySigner {

    /** A JWS with detached content (RFC 7515 Appendix F) over exactly these bytes. */
    String sign(byte[] payload);
}
