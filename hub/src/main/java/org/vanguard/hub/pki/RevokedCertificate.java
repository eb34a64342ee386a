package org.vanguard.hub.pki;

import java.math.BigInteger;
import java.time.Instant;

/** One entry of the certificate revocation list: which certificate, since when, and why. */
public record RevokedCertificate(BigInteger serial, Instant revokedAt, RevocationReason reason) {}
