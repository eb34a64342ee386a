package org.vanguard.hub.pki;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One certificate the hub issued, as the registry keeps it.
 *
 * @param serial serial number, lower-case hexadecimal (as {@code openssl x509 -serial} prints it, lower-cased)
 * @param subject the subject distinguished name (RFC 2253)
 * @param odsCode the participant it speaks for; null for officer and server certificates
 * @param kind {@code participant}, {@code officer} or {@code server}
 * @param status {@code active} or {@code revoked}; an expired certificate stays {@code active} here and is
 *     refused by its dates
 * @param revocationReason the RFC 5280 reason name when revoked
 * @param revokedBy who revoked it (the officer's certificate subject)
 */
public record CertificateRecord(
        String serial,
        String subject,
        String odsCode,
        String kind,
        Instant notBefore,
        Instant notAfter,
        Instant issuedAt,
        String status,
        @Nullable Instant revokedAt,
        @Nullable String revocationReason,
        @Nullable String revokedBy) {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
}
