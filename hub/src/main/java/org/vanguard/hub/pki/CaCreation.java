package org.vanguard.hub.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Makes the two CA levels on first start: a self-signed root valid ten years, and under it an issuing CA (path
 * length 0, five years, never outliving the root) that signs everything else. Two levels so that the root, the
 * only thing peers are told to trust, can stay offline and outlive any one issuing key.
 */
final class CaCreation {

    static final Duration ISSUING_VALIDITY = Duration.ofDays(5 * 365);

    private CaCreation() {}

    /** Creates the root and keeps it in {@code rootFile}, its only copy. */
    static CaFiles.KeyEntry createRoot(Path rootFile, char[] password, Clock clock) throws IOException {
        KeyPair keyPair = CaCrypto.newKeyPair();
        Instant now = clock.instant();
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant();
        X500Name subject = caName("Vanguard Hub Demo CA");
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            CaCrypto.newSerial(),
                            Date.from(now.minus(CertificateIssuer.CLOCK_SKEW)),
                            Date.from(notAfter),
                            subject,
                            keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            CaFiles.KeyEntry root = new CaFiles.KeyEntry(
                    keyPair.getPrivate(), new X509Certificate[] {CaCrypto.sign(builder, keyPair.getPrivate())});
            CaFiles.writeKeyEntry(rootFile, HubCertificateAuthority.CA_ALIAS, root, password);
            return root;
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot create the hub's root CA", e);
        }
    }

    /** The issuing CA may sign only end-entity certificates (path length 0) and never outlives the root. */
    static CaFiles.KeyEntry createIssuing(CaFiles.KeyEntry root, Clock clock) {
        KeyPair keyPair = CaCrypto.newKeyPair();
        X509Certificate rootCertificate = root.chain()[0];
        Instant now = clock.instant();
        Instant notAfter = now.plus(ISSUING_VALIDITY);
        if (notAfter.isAfter(rootCertificate.getNotAfter().toInstant())) {
            notAfter = rootCertificate.getNotAfter().toInstant();
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            rootCertificate,
                            CaCrypto.newSerial(),
                            Date.from(now.minus(CertificateIssuer.CLOCK_SKEW)),
                            Date.from(notAfter),
                            caName("Vanguard Hub Demo Issuing CA"),
                            keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(rootCertificate));
            return new CaFiles.KeyEntry(
                    keyPair.getPrivate(), new X509Certificate[] {CaCrypto.sign(builder, root.key()), rootCertificate});
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot create the hub's issuing CA", e);
        }
    }

    private static X500Name caName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, CertificateIssuer.COUNTRY)
                .addRDN(BCStyle.O, CertificateIssuer.ORGANISATION)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }
}
