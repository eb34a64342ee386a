package org.vanguard.hub.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.participant.OdsCode;

/**
 * Issues the end-entity certificates, signed by the issuing CA: the hub's TLS server certificate, one client
 * certificate per participant organisation, IG officers' and the hub's own client certificate. Each profile is a
 * method here, so what a certificate may be used for, and whom it speaks for, is read in one place. Every
 * certificate signed is told to the {@link HubCertificateAuthority.IssuanceListener}, so the registry holds all.
 */
public final class CertificateIssuer {

    static final String ORGANISATION = "Vanguard Hub";
    static final String COUNTRY = "GB";
    static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    /** Backdating absorbs clock skew between the hub and its peers, which would otherwise reject a new cert. */
    static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private final PrivateKey issuingKey;
    private final X509Certificate issuingCertificate;
    private final Clock clock;
    private volatile HubCertificateAuthority.IssuanceListener listener = certificate -> {};

    CertificateIssuer(PrivateKey issuingKey, X509Certificate issuingCertificate, Clock clock) {
        this.issuingKey = issuingKey;
        this.issuingCertificate = issuingCertificate;
        this.clock = clock;
    }

    void onIssue(HubCertificateAuthority.IssuanceListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The first DNS name becomes the CN only for older tools; verifiers match on the SAN (RFC 6125). */
    public IssuedCredential issueServerCredential(List<String> dnsNames, List<String> ipAddresses) {
        if (dnsNames == null || dnsNames.isEmpty()) {
            throw new IllegalArgumentException("A server certificate needs at least one DNS name");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.CN, dnsNames.get(0))
                .build();
        GeneralNames subjectAltNames = subjectAltNames(dnsNames, ipAddresses == null ? List.of() : ipAddresses);
        return issueWithNewKey(subject, SERVER_VALIDITY, KeyPurposeId.id_kp_serverAuth, subjectAltNames);
    }

    /**
     * A client certificate for a person who governs the hub rather than an organisation that sends data:
     * the organisational unit {@value HubCertificateAuthority#OFFICER_UNIT} and no organisation identifier, so it
     * can never speak for a participant, and a participant's certificate can never reach the admin API.
     */
    public IssuedCredential issueOfficerCredential(String personName, Duration validity) {
        if (personName == null || personName.isBlank()) {
            throw new IllegalArgumentException("personName must not be blank");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.OU, HubCertificateAuthority.OFFICER_UNIT)
                .addRDN(BCStyle.CN, personName)
                .build();
        return issueWithNewKey(subject, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    public IssuedCredential issueParticipantCredential(OdsCode odsCode, String organisationName, Duration validity) {
        KeyPair keyPair = CaCrypto.newKeyPair();
        return new IssuedCredential(
                keyPair.getPrivate(),
                issueParticipantCertificate(odsCode, organisationName, keyPair.getPublic(), validity),
                issuingCertificate);
    }

    /**
     * A client certificate for a key the participant holds (from its CSR). The subject is built here from the
     * ODS code the hub was given, never copied from the request, so a CSR cannot name another organisation. The
     * code goes into organizationIdentifier as well as the CN because {@link CertificateIdentity#odsCodeOf} reads
     * only the former: the CN is free text to most tooling, while 2.5.4.97 is the organisation's registered
     * identifier.
     */
    public X509Certificate issueParticipantCertificate(
            OdsCode odsCode, String organisationName, PublicKey publicKey, Duration validity) {
        Objects.requireNonNull(odsCode, "odsCode");
        if (organisationName == null || organisationName.isBlank()) {
            throw new IllegalArgumentException("organisationName must not be blank");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, organisationName)
                .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, odsCode.value())
                .addRDN(BCStyle.CN, odsCode.value())
                .build();
        return issue(
                subject, Objects.requireNonNull(publicKey, "publicKey"), validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * The hub's own client certificate, presented when it pushes to a participant's endpoint (mutual TLS). It
     * names no organisation identifier and is no IG officer's, so it can never speak for a participant or
     * reach the admin API of this or another hub.
     */
    public IssuedCredential issueHubClientCredential(Duration validity) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.OU, HubCertificateAuthority.HUB_CLIENT_UNIT)
                .addRDN(BCStyle.CN, "vanguard-hub")
                .build();
        return issueWithNewKey(subject, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    /** The subject alternative names a server certificate for these names and addresses carries, each once. */
    static GeneralNames subjectAltNames(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String dnsName : dnsNames) {
            if (seen.add("dns:" + dnsName)) {
                names.add(new GeneralName(GeneralName.dNSName, dnsName));
            }
        }
        for (String ipAddress : ipAddresses) {
            if (seen.add("ip:" + ipAddress)) {
                names.add(new GeneralName(GeneralName.iPAddress, ipAddress));
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private IssuedCredential issueWithNewKey(
            X500Name subject, Duration validity, KeyPurposeId purpose, @Nullable GeneralNames subjectAltNames) {
        KeyPair keyPair = CaCrypto.newKeyPair();
        return new IssuedCredential(
                keyPair.getPrivate(),
                issue(subject, keyPair.getPublic(), validity, purpose, subjectAltNames),
                issuingCertificate);
    }

    /** An end-entity certificate for one purpose, never outliving the issuing CA. */
    private X509Certificate issue(
            X500Name subject,
            PublicKey publicKey,
            Duration validity,
            KeyPurposeId purpose,
            @Nullable GeneralNames subjectAltNames) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        Instant now = clock.instant();
        Instant requestedNotAfter = now.plus(validity);
        Instant caNotAfter = issuingCertificate.getNotAfter().toInstant();
        Instant notAfter = requestedNotAfter.isAfter(caNotAfter) ? caNotAfter : requestedNotAfter;
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            issuingCertificate,
                            CaCrypto.newSerial(),
                            Date.from(now.minus(CLOCK_SKEW)),
                            Date.from(notAfter),
                            subject,
                            publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(
                            Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(issuingCertificate));
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            X509Certificate certificate = CaCrypto.sign(builder, issuingKey);
            listener.issued(certificate);
            return certificate;
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot issue a certificate for " + subject, e);
        }
    }
}
