package org.vanguard.hub.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.vanguard.governance.participant.OdsCode;

/**
 * The PKCS#12 credentials the CA keeps on disk: the hub's server and client key stores, reused while still good
 * so that restarts do not churn certificates, and the demo participants' and officer's key stores, written once
 * and never replaced, since they may already have been handed out. A participant's file is named by its ODS
 * code, which {@link OdsCode} keeps to letters and digits, so it can never name a file elsewhere.
 */
final class CredentialFiles {

    private final Path pkiDirectory;
    private final CertificateIssuer issuer;
    private final X509Certificate issuingCertificate;
    private final Clock clock;

    CredentialFiles(Path pkiDirectory, CertificateIssuer issuer, X509Certificate issuingCertificate, Clock clock) {
        this.pkiDirectory = pkiDirectory;
        this.issuer = issuer;
        this.issuingCertificate = issuingCertificate;
        this.clock = clock;
    }

    static Path participantKeystorePath(Path participantsDirectory, OdsCode odsCode) {
        return participantsDirectory.resolve(odsCode.value() + ".p12");
    }

    Path serverKeystorePath() {
        return pkiDirectory.resolve(HubCertificateAuthority.SERVER_KEYSTORE_FILE);
    }

    /** Writes a participant's keystore unless it exists; true when it was created. */
    boolean ensureParticipantKeystore(
            Path participantsDirectory, OdsCode odsCode, String organisationName, Duration validity, char[] password)
            throws IOException {
        Path file = participantKeystorePath(participantsDirectory, odsCode);
        if (Files.exists(file)) {
            return false;
        }
        issuer.issueParticipantCredential(odsCode, organisationName, validity)
                .writePkcs12(file, HubCertificateAuthority.PARTICIPANT_ALIAS, password);
        return true;
    }

    /** Writes an IG officer's keystore unless it exists; true when it was created. */
    boolean ensureOfficerKeystore(Path file, String personName, Duration validity, char[] password) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        issuer.issueOfficerCredential(personName, validity)
                .writePkcs12(file, HubCertificateAuthority.PARTICIPANT_ALIAS, password);
        return true;
    }

    /**
     * Reuses {@code hub-client.p12} while it is valid and signed by this CA; otherwise issues it again, since
     * participants' endpoints would refuse a certificate they cannot chain to the hub's CA.
     */
    KeyStore loadOrCreateHubClientKeyStore(Duration validity, char[] password) throws IOException {
        Path file = pkiDirectory.resolve(HubCertificateAuthority.HUB_CLIENT_KEYSTORE_FILE);
        if (Files.exists(file)) {
            KeyStore existing = CaFiles.readPkcs12(file, password);
            try {
                if (existing.getCertificate(HubCertificateAuthority.HUB_CLIENT_ALIAS)
                        instanceof X509Certificate current) {
                    current.checkValidity(Date.from(clock.instant()));
                    current.verify(issuingCertificate.getPublicKey());
                    return existing;
                }
            } catch (GeneralSecurityException e) {
                // expired, not yet valid or signed by another CA: issue a new one below
            }
        }
        IssuedCredential credential = issuer.issueHubClientCredential(validity);
        credential.writePkcs12(file, HubCertificateAuthority.HUB_CLIENT_ALIAS, password);
        return credential.toPkcs12(HubCertificateAuthority.HUB_CLIENT_ALIAS, password);
    }

    /**
     * Reissues {@code server.p12} when it was signed by another CA, is outside its validity period or names
     * different hosts, because clients would then reject the hub; otherwise it is reused.
     */
    KeyStore loadOrCreateServerKeyStore(List<String> dnsNames, List<String> ipAddresses, char[] password)
            throws IOException {
        Path file = serverKeystorePath();
        List<String> ips = ipAddresses == null ? List.of() : ipAddresses;
        if (Files.exists(file)) {
            KeyStore existing = CaFiles.readPkcs12(file, password);
            if (isCurrentServerCertificate(existing, dnsNames, ips)) {
                return existing;
            }
        }
        IssuedCredential credential = issuer.issueServerCredential(dnsNames, ips);
        credential.writePkcs12(file, HubCertificateAuthority.SERVER_ALIAS, password);
        return credential.toPkcs12(HubCertificateAuthority.SERVER_ALIAS, password);
    }

    private boolean isCurrentServerCertificate(KeyStore keyStore, List<String> dnsNames, List<String> ips) {
        try {
            if (!(keyStore.getCertificate(HubCertificateAuthority.SERVER_ALIAS)
                    instanceof X509Certificate certificate)) {
                return false;
            }
            certificate.verify(issuingCertificate.getPublicKey());
            certificate.checkValidity(Date.from(clock.instant()));
            GeneralNames present = GeneralNames.fromExtensions(
                    new JcaX509CertificateHolder(certificate).getExtensions(), Extension.subjectAlternativeName);
            return present != null
                    && Set.of(present.getNames())
                            .equals(Set.of(CertificateIssuer.subjectAltNames(dnsNames, ips)
                                    .getNames()));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
