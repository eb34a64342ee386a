package org.vanguard.hub.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.participant.OdsCode;

/**
 * The hub's certificate authority: a root, kept in {@code ca.p12} and published as {@code ca.pem}, and an
 * issuing CA under it, kept in {@code issuing-ca.p12}, that signs every server and client certificate and the
 * CRL. Both are created on first start ({@link CaCreation}), or the issuing CA is imported from a PKCS#12 file
 * whose chain ends in an existing root, in which case the root's key never reaches the hub.
 *
 * <p>It exists so that a fresh checkout can run mutual TLS end to end without an external CA. The CA key is
 * persisted because every participant keystore handed out is only useful while the same CA signs the server
 * and verifies the clients; regenerating it on each start would silently invalidate them all.
 *
 * <p>This class loads the CA and is the one door to it; the work is done by one class per responsibility:
 * {@link CertificateIssuer} (the certificate profiles), {@link RevocationList} ({@code crl.pem}),
 * {@link CredentialFiles} (the key stores kept on disk) and {@link CaFiles} (how all of it is stored). Onboarding
 * from a CSR is {@link CsrOnboarding}; revocation is {@link CertificateRevocations}.
 */
public final class HubCertificateAuthority {

    /** Organisational unit that marks an IG officer's certificate. */
    public static final String OFFICER_UNIT = "ig-officer";

    public static final String CA_ALIAS = "hub-ca";
    public static final String SERVER_ALIAS = "hub-server";
    public static final String PARTICIPANT_ALIAS = "participant";
    public static final String CA_KEYSTORE_FILE = "ca.p12";
    public static final String CA_PEM_FILE = "ca.pem";
    public static final String SERVER_KEYSTORE_FILE = "server.p12";
    /** Organisational unit of the hub's own client certificate, which it presents when it pushes deliveries. */
    public static final String HUB_CLIENT_UNIT = "hub-client";

    public static final String HUB_CLIENT_ALIAS = "hub-client";
    public static final String HUB_CLIENT_KEYSTORE_FILE = "hub-client.p12";
    public static final String ISSUING_ALIAS = "hub-issuing-ca";
    public static final String ISSUING_KEYSTORE_FILE = "issuing-ca.p12";
    public static final String CRL_FILE = "crl.pem";

    private final Path pkiDirectory;
    private final X509Certificate rootCertificate;
    private final X509Certificate issuingCertificate;
    private final CertificateIssuer issuer;
    private final RevocationList revocationList;
    private final CredentialFiles credentials;

    /** Told of every certificate this CA signs, so the registry holds all of them, demo ones included. */
    @FunctionalInterface
    public interface IssuanceListener {
        void issued(X509Certificate certificate);
    }

    private HubCertificateAuthority(
            Path pkiDirectory,
            X509Certificate rootCertificate,
            PrivateKey issuingKey,
            X509Certificate issuingCertificate,
            Clock clock) {
        this.pkiDirectory = pkiDirectory;
        this.rootCertificate = rootCertificate;
        this.issuingCertificate = issuingCertificate;
        this.issuer = new CertificateIssuer(issuingKey, issuingCertificate, clock);
        this.revocationList = new RevocationList(issuingKey, issuingCertificate, pkiDirectory.resolve(CRL_FILE), clock);
        this.credentials = new CredentialFiles(pkiDirectory, issuer, issuingCertificate, clock);
    }

    /**
     * A wrong password or an unreadable {@code ca.p12} fails rather than generating a new CA, because
     * replacing the CA would strand every certificate already issued.
     */
    public static HubCertificateAuthority loadOrCreate(Path pkiDirectory, char[] caPassword, Clock clock)
            throws IOException {
        return loadOrCreate(pkiDirectory, caPassword, null, clock);
    }

    /**
     * As {@link #loadOrCreate(Path, char[], Clock)}, but on first start the issuing CA is taken from
     * {@code importIssuing} (a PKCS#12 file, same password, one key entry whose chain runs up to a self-signed
     * root) instead of being generated; the file is copied in, so later starts no longer need it.
     */
    public static HubCertificateAuthority loadOrCreate(
            Path pkiDirectory, char[] caPassword, @Nullable Path importIssuing, Clock clock) throws IOException {
        Objects.requireNonNull(pkiDirectory, "pkiDirectory");
        Objects.requireNonNull(caPassword, "caPassword");
        Objects.requireNonNull(clock, "clock");
        Path issuingFile = pkiDirectory.resolve(ISSUING_KEYSTORE_FILE);
        if (!Files.exists(issuingFile)) {
            CaFiles.KeyEntry issuing;
            if (importIssuing != null) {
                issuing = CaFiles.readCaKeyEntry(importIssuing, null, caPassword);
            } else {
                Path rootFile = pkiDirectory.resolve(CA_KEYSTORE_FILE);
                CaFiles.KeyEntry root = Files.exists(rootFile)
                        ? CaFiles.readCaKeyEntry(rootFile, CA_ALIAS, caPassword)
                        : CaCreation.createRoot(rootFile, caPassword, clock);
                issuing = CaCreation.createIssuing(root, clock);
            }
            CaFiles.writeKeyEntry(issuingFile, ISSUING_ALIAS, issuing, caPassword);
        }
        CaFiles.KeyEntry issuing = CaFiles.readCaKeyEntry(issuingFile, ISSUING_ALIAS, caPassword);
        X509Certificate[] chain = issuing.chain();
        HubCertificateAuthority authority =
                new HubCertificateAuthority(pkiDirectory, chain[chain.length - 1], issuing.key(), chain[0], clock);
        if (!Files.exists(authority.caPemPath())) {
            CaFiles.writePem(authority.caPemPath(), authority.rootCertificate);
        }
        return authority;
    }

    /** Replaces the listener told of each certificate issued (set once, at start, by the hub's wiring). */
    public void onIssue(IssuanceListener listener) {
        issuer.onIssue(listener);
    }

    /** The root: the only trust anchor, published as {@code ca.pem}. */
    public X509Certificate certificate() {
        return rootCertificate;
    }

    /** The issuing CA that signs every leaf certificate and the CRL. */
    public X509Certificate issuingCertificate() {
        return issuingCertificate;
    }

    /** The issuing CA and the root, in the order a leaf's chain continues with them. */
    public List<X509Certificate> caChain() {
        return List.of(issuingCertificate, rootCertificate);
    }

    /** What signs end-entity certificates, profile by profile. */
    public CertificateIssuer issuer() {
        return issuer;
    }

    public Path crlPath() {
        return revocationList.path();
    }

    public Path caPemPath() {
        return pkiDirectory.resolve(CA_PEM_FILE);
    }

    public Path serverKeystorePath() {
        return credentials.serverKeystorePath();
    }

    public static Path participantKeystorePath(Path participantsDirectory, OdsCode odsCode) {
        return CredentialFiles.participantKeystorePath(participantsDirectory, odsCode);
    }

    /** A trust store holding the root alone: what every peer of the hub trusts. */
    public KeyStore trustStore() {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(CA_ALIAS, rootCertificate);
            return trustStore;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the CA trust store", e);
        }
    }

    /** Writes {@code crl.pem} listing every revoked certificate; see {@link RevocationList}. */
    public X509CRL writeCrl(Collection<RevokedCertificate> revoked, Duration nextUpdateIn) throws IOException {
        return revocationList.write(revoked, nextUpdateIn);
    }

    /**
     * An existing keystore is left untouched, since it may already have been handed to the participant.
     *
     * @return true if the keystore was created by this call
     */
    public boolean ensureParticipantKeystore(
            Path participantsDirectory, OdsCode odsCode, String organisationName, Duration validity, char[] password)
            throws IOException {
        return credentials.ensureParticipantKeystore(
                participantsDirectory, odsCode, organisationName, validity, password);
    }

    /** Writes an IG officer's keystore unless it exists; true when it was created. */
    public boolean ensureOfficerKeystore(Path file, String personName, Duration validity, char[] password)
            throws IOException {
        return credentials.ensureOfficerKeystore(file, personName, validity, password);
    }

    public KeyStore loadOrCreateHubClientKeyStore(Duration validity, char[] password) throws IOException {
        return credentials.loadOrCreateHubClientKeyStore(validity, password);
    }

    public KeyStore loadOrCreateServerKeyStore(List<String> dnsNames, List<String> ipAddresses, char[] password)
            throws IOException {
        return credentials.loadOrCreateServerKeyStore(dnsNames, ipAddresses, password);
    }
}
