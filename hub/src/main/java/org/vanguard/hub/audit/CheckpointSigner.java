package org.vanguard.hub.audit;

/**
 * The hub's signing key as the audit chain's checkpoints need it: a checkpoint is signed with the key that signs
 * deliveries, so anyone holding the hub's published keys can check it. A port, implemented by the signing module,
 * so the audit trail does not depend on how keys are kept or rotated.
 */
public interface CheckpointSigner {

    /** A JWS with detached content (RFC 7515 Appendix F) over exactly these bytes. */
    String sign(byte[] payload);

    /** The id of the key that {@link #sign} uses now, recorded beside each checkpoint. */
    String currentKeyId();

    /** Whether the detached JWS verifies over these bytes with one of the published keys. */
    boolean verify(String detachedJws, byte[] payload);
}
