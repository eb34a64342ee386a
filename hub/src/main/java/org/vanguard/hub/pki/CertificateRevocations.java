package org.vanguard.hub.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes certificates, keeping the registry, the in-memory revoked set the TLS handshakes consult and
 * {@code crl.pem} in step. Rotation is issuing a new certificate ({@link CsrOnboarding}) and, once it is in use,
 * revoking the old one as {@code superseded}.
 */
public class CertificateRevocations {

    private static final Logger log = LoggerFactory.getLogger(CertificateRevocations.class);

    private final HubCertificateAuthority ca;
    private final CertificateRegistry registry;
    private final Duration crlValidity;

    public CertificateRevocations(HubCertificateAuthority ca, CertificateRegistry registry, Duration crlValidity) {
        this.ca = ca;
        this.registry = registry;
        this.crlValidity = crlValidity;
    }

    /** Revokes a certificate; the next handshake with it is refused and {@code crl.pem} lists it. */
    public Optional<CertificateRecord> revoke(String serial, RevocationReason reason, String revokedBy) {
        Optional<CertificateRecord> revoked = registry.revoke(serial, reason, revokedBy);
        if (revoked.isPresent()) {
            // After the revocation commits, so the CRL is written from every committed revocation, not a snapshot
            // that misses another officer's revocation still in its transaction.
            AfterCommit.run(this::publishCrl);
            log.info(
                    "{} revoked certificate {} ({}) as {}",
                    revokedBy,
                    serial,
                    revoked.get().subject(),
                    reason.label());
        }
        return revoked;
    }

    /** Rewrites {@code crl.pem} from the registry. */
    public synchronized void publishCrl() {
        try {
            ca.writeCrl(registry.revoked(), crlValidity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ca.crlPath(), e);
        }
    }
}
