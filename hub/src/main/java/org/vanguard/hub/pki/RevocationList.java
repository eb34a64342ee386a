package org.vanguard.hub.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * {@code crl.pem}: the revoked certificates as an X.509 CRL (RFC 5280 section 5) signed by the issuing CA, for
 * relying parties and tools that check revocation from a file (OpenSSL {@code -crl_check}); the hub itself checks
 * in process, in {@link RevocationCheckingTrustManager}. The CRL number is the signing time in milliseconds, so it
 * grows with each CRL as RFC 5280 section 5.2.3 requires, across restarts too.
 */
final class RevocationList {

    private final PrivateKey issuingKey;
    private final X509Certificate issuingCertificate;
    private final Path file;
    private final Clock clock;

    RevocationList(PrivateKey issuingKey, X509Certificate issuingCertificate, Path file, Clock clock) {
        this.issuingKey = issuingKey;
        this.issuingCertificate = issuingCertificate;
        this.file = file;
        this.clock = clock;
    }

    Path path() {
        return file;
    }

    X509CRL write(Collection<RevokedCertificate> revoked, Duration nextUpdateIn) throws IOException {
        Instant now = clock.instant();
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuingCertificate, Date.from(now))
                    .setNextUpdate(Date.from(now.plus(nextUpdateIn)))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuingCertificate))
                    .addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            for (RevokedCertificate entry : revoked) {
                builder.addCRLEntry(
                        entry.serial(),
                        Date.from(entry.revokedAt()),
                        entry.reason().code());
            }
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(CaCrypto.signer(issuingKey)));
            CaFiles.writePem(file, crl);
            return crl;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign the CRL", e);
        }
    }
}
