package org.vanguard.hub.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The hub's certificate authority: a root, kept in {@code ca.p12} and published as {@code ca.pem}, and an
 * issuing CA under it, kept in {@code issuing-ca.p12}, that signs every server and client certificate and the
 * CRL. Both are created on first start, or the issuing CA is imported from a PKCS#12 file whose chain ends in
 * an existing root, in which case the root's key never reaches the hub.
 *
 * <p>The two levels exist so the root, the only thing peers are told to trust, can stay offline and outlive
 * any one issuing key: replacing a compromised issuing CA then needs no change on any participant's side.
 *
 * <p>It exists so that a fresh checkout can run mutual TLS end to end without an external CA. The CA key is
 * persisted because every participant keystore handed out is only useful while the same CA signs the server
 * and verifies the clients; regenerating it on each start would silently invalidate them all.
 *
 * <p>Bouncy Castle is passed as a provider instance, never registered with {@code Security.addProvider}, so
 * the JDK's TLS stack keeps choosing its own providers. Keys and certificate objects are the JDK's own for the
 * same reason; only signing goes through Bouncy Castle.
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

    static final Duration ISSUING_VALIDITY = Duration.ofDays(5 * 365);

    static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    /** Backdating absorbs clock skew between the hub and its peers, which would otherwise reject a new cert. */
    static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private static final String ORGANISATION = "Vanguard Hub";
    private static final String COUNTRY = "GB";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** NHS ODS codes are alphanumeric; anything else would also be unsafe as a file name. */
    private static final Pattern ODS_CODE = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path pkiDirectory;
    private final X509Certificate rootCertificate;
    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    private final Clock clock;
    private volatile IssuanceListener listener = certificate -> { };

    /** Told of every certificate this CA signs, so the registry holds all of them, demo ones included. */
    @FunctionalInterface
    public interface IssuanceListener {
        void issued(X509Certificate certificate);
    }

    /** A key entry read from a PKCS#12 file: the key and its chain, leaf first. */
    private record KeyEntry(PrivateKey key, X509Certificate[] chain) {
    }

    private HubCertificateAuthority(Path pkiDirectory, X509Certificate rootCertificate, PrivateKey issuingKey,
            X509Certificate issuingCertificate, Clock clock) {
        this.pkiDirectory = pkiDirectory;
        this.rootCertificate = rootCertificate;
        this.caKey = issuingKey;
        this.caCertificate = issuingCertificate;
        this.clock = clock;
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
    public static HubCertificateAuthority loadOrCreate(Path pkiDirectory, char[] caPassword, Path importIssuing,
            Clock clock) throws IOException {
        Objects.requireNonNull(pkiDirectory, "pkiDirectory");
        Objects.requireNonNull(caPassword, "caPassword");
        Objects.requireNonNull(clock, "clock");
        Path issuingFile = pkiDirectory.resolve(ISSUING_KEYSTORE_FILE);
        if (!Files.exists(issuingFile)) {
            KeyEntry issuing;
            if (importIssuing != null) {
                issuing = readKeyEntry(importIssuing, null, caPassword);
            } else {
                Path rootFile = pkiDirectory.resolve(CA_KEYSTORE_FILE);
                KeyEntry root = Files.exists(rootFile)
                        ? readKeyEntry(rootFile, CA_ALIAS, caPassword)
                        : createRoot(rootFile, caPassword, clock);
                issuing = createIssuing(root, clock);
            }
            writeKeyEntry(issuingFile, ISSUING_ALIAS, issuing, caPassword);
        }
        KeyEntry issuing = readKeyEntry(issuingFile, ISSUING_ALIAS, caPassword);
        X509Certificate[] chain = issuing.chain();
        HubCertificateAuthority authority = new HubCertificateAuthority(pkiDirectory, chain[chain.length - 1],
                issuing.key(), chain[0], clock);
        if (!Files.exists(authority.caPemPath())) {
            authority.writeCaPem();
        }
        return authority;
    }

    /** Replaces the listener told of each certificate issued (set once, at start, by the hub's wiring). */
    public void onIssue(IssuanceListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The root: the only trust anchor, published as {@code ca.pem}. */
    public X509Certificate certificate() {
        return rootCertificate;
    }

    /** The issuing CA that signs every leaf certificate and the CRL. */
    public X509Certificate issuingCertificate() {
        return caCertificate;
    }

    /** The issuing CA and the root, in the order a leaf's chain continues with them. */
    public List<X509Certificate> caChain() {
        return List.of(caCertificate, rootCertificate);
    }

    public Path crlPath() {
        return pkiDirectory.resolve(CRL_FILE);
    }

    public Path caPemPath() {
        return pkiDirectory.resolve(CA_PEM_FILE);
    }

    public Path serverKeystorePath() {
        return pkiDirectory.resolve(SERVER_KEYSTORE_FILE);
    }

    public static Path participantKeystorePath(Path participantsDirectory, String odsCode) {
        return participantsDirectory.resolve(requireOdsCode(odsCode) + ".p12");
    }

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
        return issueLeafWithNewKey(subject, SERVER_VALIDITY, KeyPurposeId.id_kp_serverAuth, subjectAltNames);
    }

    /**
     * The ODS code goes into organizationIdentifier as well as the CN because
     * {@link CertificateIdentity#odsCodeOf} reads only the former: the CN is free text to most tooling,
     * while 2.5.4.97 is defined as the organisation's registered identifier.
     */
    /**
     * A client certificate for a person who governs the hub rather than an organisation that sends data:
     * the organisational unit {@value #OFFICER_UNIT} and no organisation identifier, so it can never speak
     * for a participant, and a participant's certificate can never reach the admin API.
     */
    public IssuedCredential issueOfficerCredential(String personName, Duration validity) {
        if (personName == null || personName.isBlank()) {
            throw new IllegalArgumentException("personName must not be blank");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, "Vanguard Hub")
                .addRDN(BCStyle.OU, OFFICER_UNIT)
                .addRDN(BCStyle.CN, personName)
                .build();
        return issueLeafWithNewKey(subject, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    /** Writes an IG officer's keystore unless it exists; true when it was created. */
    public boolean ensureOfficerKeystore(Path file, String personName, Duration validity, char[] password)
            throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        issueOfficerCredential(personName, validity).writePkcs12(file, PARTICIPANT_ALIAS, password);
        return true;
    }

    public IssuedCredential issueParticipantCredential(String odsCode, String organisationName, Duration validity) {
        KeyPair keyPair = newKeyPair();
        return new IssuedCredential(keyPair.getPrivate(),
                issueParticipantCertificate(odsCode, organisationName, keyPair.getPublic(), validity), caCertificate);
    }

    /**
     * A client certificate for a key the participant holds (from its CSR). The subject is built here from the
     * ODS code the hub was given, never copied from the request, so a CSR cannot name another organisation.
     */
    public X509Certificate issueParticipantCertificate(String odsCode, String organisationName, PublicKey publicKey,
            Duration validity) {
        requireOdsCode(odsCode);
        if (organisationName == null || organisationName.isBlank()) {
            throw new IllegalArgumentException("organisationName must not be blank");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, organisationName)
                .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, odsCode)
                .addRDN(BCStyle.CN, odsCode)
                .build();
        return issueLeaf(subject, Objects.requireNonNull(publicKey, "publicKey"), validity,
                KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * Writes {@code crl.pem}, signed by the issuing CA, listing every revoked certificate: for relying parties
     * and tools that check revocation from a file (OpenSSL {@code -crl_check}); the hub itself checks in process.
     */
    public X509CRL writeCrl(Collection<RevokedCertificate> revoked, Duration nextUpdateIn) throws IOException {
        Instant now = clock.instant();
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(caCertificate, Date.from(now))
                    .setNextUpdate(Date.from(now.plus(nextUpdateIn)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate))
                    .addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            for (RevokedCertificate entry : revoked) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason().code());
            }
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(BOUNCY_CASTLE).build(caKey)));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(crl);
            }
            AtomicFiles.write(crlPath(), pem.toString().getBytes(StandardCharsets.US_ASCII));
            return crl;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign the CRL", e);
        }
    }

    /**
     * An existing keystore is left untouched, since it may already have been handed to the participant.
     *
     * @return true if the keystore was created by this call
     */
    public boolean ensureParticipantKeystore(Path participantsDirectory, String odsCode, String organisationName,
            Duration validity, char[] password) throws IOException {
        Path file = participantKeystorePath(participantsDirectory, odsCode);
        if (Files.exists(file)) {
            return false;
        }
        issueParticipantCredential(odsCode, organisationName, validity).writePkcs12(file, PARTICIPANT_ALIAS, password);
        return true;
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
                .addRDN(BCStyle.OU, HUB_CLIENT_UNIT)
                .addRDN(BCStyle.CN, "vanguard-hub")
                .build();
        return issueLeafWithNewKey(subject, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * Reuses {@code hub-client.p12} while it is valid and signed by this CA; otherwise issues it again, since
     * participants' endpoints would refuse a certificate they cannot chain to the hub's CA.
     */
    public KeyStore loadOrCreateHubClientKeyStore(Duration validity, char[] password) throws IOException {
        Path file = pkiDirectory.resolve(HUB_CLIENT_KEYSTORE_FILE);
        if (Files.exists(file)) {
            KeyStore existing = readPkcs12(file, password);
            try {
                if (existing.getCertificate(HUB_CLIENT_ALIAS) instanceof X509Certificate current) {
                    current.checkValidity(java.util.Date.from(clock.instant()));
                    current.verify(caCertificate.getPublicKey());
                    return existing;
                }
            } catch (GeneralSecurityException e) {
                // expired, not yet valid or signed by another CA: issue a new one below
            }
        }
        IssuedCredential credential = issueHubClientCredential(validity);
        credential.writePkcs12(file, HUB_CLIENT_ALIAS, password);
        return credential.toPkcs12(HUB_CLIENT_ALIAS, password);
    }

    /**
     * Reissues {@code server.p12} when it was signed by another CA, is outside its validity period or names
     * different hosts, because clients would then reject the hub; otherwise it is reused so restarts do not
     * churn certificates.
     */
    public KeyStore loadOrCreateServerKeyStore(List<String> dnsNames, List<String> ipAddresses, char[] password)
            throws IOException {
        Path file = serverKeystorePath();
        List<String> ips = ipAddresses == null ? List.of() : ipAddresses;
        if (Files.exists(file)) {
            KeyStore existing = readPkcs12(file, password);
            if (isCurrentServerCertificate(existing, dnsNames, ips)) {
                return existing;
            }
        }
        IssuedCredential credential = issueServerCredential(dnsNames, ips);
        credential.writePkcs12(file, SERVER_ALIAS, password);
        return credential.toPkcs12(SERVER_ALIAS, password);
    }

    /** Reads the key entry {@code alias}, or the only key entry when alias is null, with its chain checked. */
    private static KeyEntry readKeyEntry(Path file, String alias, char[] password) throws IOException {
        KeyStore keyStore = readPkcs12(file, password);
        try {
            String entry = alias;
            if (entry == null) {
                List<String> keys = new ArrayList<>();
                for (String name : java.util.Collections.list(keyStore.aliases())) {
                    if (keyStore.isKeyEntry(name)) {
                        keys.add(name);
                    }
                }
                if (keys.size() != 1) {
                    throw new IOException(file + " must hold exactly one key entry, not " + keys.size());
                }
                entry = keys.get(0);
            }
            Key key = keyStore.getKey(entry, password);
            Certificate[] chain = keyStore.getCertificateChain(entry);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new IOException(file + " has no private key entry '" + entry + "'");
            }
            X509Certificate[] certificates = new X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                certificates[i] = (X509Certificate) chain[i];
            }
            X509Certificate root = certificates[certificates.length - 1];
            root.verify(root.getPublicKey());
            for (int i = 0; i < certificates.length - 1; i++) {
                certificates[i].verify(certificates[i + 1].getPublicKey());
            }
            if (certificates[0].getBasicConstraints() < 0) {
                throw new IOException(file + ": '" + entry + "' is not a CA certificate");
            }
            return new KeyEntry(privateKey, certificates);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException("Cannot read a CA key and chain from " + file, e);
        }
    }

    private static void writeKeyEntry(Path file, String alias, KeyEntry entry, char[] password) throws IOException {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(alias, entry.key(), password, entry.chain());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            keyStore.store(bytes, password);
            AtomicFiles.write(file, bytes.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the keystore " + file, e);
        }
    }

    private static KeyEntry createRoot(Path rootFile, char[] password, Clock clock) throws IOException {
        KeyPair keyPair = newKeyPair();
        Instant now = clock.instant();
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.CN, "Vanguard Hub Demo CA")
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, newSerial(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            KeyEntry root = new KeyEntry(keyPair.getPrivate(),
                    new X509Certificate[] {sign(builder, keyPair.getPrivate())});
            writeKeyEntry(rootFile, CA_ALIAS, root, password);
            return root;
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot create the hub's root CA", e);
        }
    }

    /** The issuing CA may sign only end-entity certificates (path length 0) and never outlives the root. */
    private static KeyEntry createIssuing(KeyEntry root, Clock clock) {
        KeyPair keyPair = newKeyPair();
        X509Certificate rootCertificate = root.chain()[0];
        Instant now = clock.instant();
        Instant notAfter = now.plus(ISSUING_VALIDITY);
        if (notAfter.isAfter(rootCertificate.getNotAfter().toInstant())) {
            notAfter = rootCertificate.getNotAfter().toInstant();
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.CN, "Vanguard Hub Demo Issuing CA")
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(rootCertificate, newSerial(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(rootCertificate));
            return new KeyEntry(keyPair.getPrivate(),
                    new X509Certificate[] {sign(builder, root.key()), rootCertificate});
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot create the hub's issuing CA", e);
        }
    }

    private IssuedCredential issueLeafWithNewKey(X500Name subject, Duration validity, KeyPurposeId purpose,
            GeneralNames subjectAltNames) {
        KeyPair keyPair = newKeyPair();
        return new IssuedCredential(keyPair.getPrivate(),
                issueLeaf(subject, keyPair.getPublic(), validity, purpose, subjectAltNames), caCertificate);
    }

    private X509Certificate issueLeaf(X500Name subject, PublicKey publicKey, Duration validity, KeyPurposeId purpose,
            GeneralNames subjectAltNames) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        Instant now = clock.instant();
        Instant requestedNotAfter = now.plus(validity);
        Instant caNotAfter = caCertificate.getNotAfter().toInstant();
        Instant notAfter = requestedNotAfter.isAfter(caNotAfter) ? caNotAfter : requestedNotAfter;
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, newSerial(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            X509Certificate certificate = sign(builder, caKey);
            listener.issued(certificate);
            return certificate;
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot issue a certificate for " + subject, e);
        }
    }

    private boolean isCurrentServerCertificate(KeyStore keyStore, List<String> dnsNames, List<String> ips) {
        try {
            if (!(keyStore.getCertificate(SERVER_ALIAS) instanceof X509Certificate certificate)) {
                return false;
            }
            certificate.verify(caCertificate.getPublicKey());
            certificate.checkValidity(Date.from(clock.instant()));
            GeneralNames present = GeneralNames.fromExtensions(
                    new JcaX509CertificateHolder(certificate).getExtensions(), Extension.subjectAlternativeName);
            return present != null
                    && Set.of(present.getNames()).equals(Set.of(subjectAltNames(dnsNames, ips).getNames()));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static GeneralNames subjectAltNames(List<String> dnsNames, List<String> ipAddresses) {
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

    private void writeCaPem() throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(rootCertificate);
        }
        AtomicFiles.write(caPemPath(), pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static KeyStore readPkcs12(Path file, char[] password) throws IOException {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            return keyStore;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read keystore " + file, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(BOUNCY_CASTLE).build(signingKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no EC P-256 key generation", e);
        }
    }

    /** RFC 5280 section 4.1.2.2: positive, at most 20 octets, and unpredictable per CA/B Forum practice. */
    private static BigInteger newSerial() {
        return new BigInteger(128, RANDOM).setBit(127);
    }

    private static String requireOdsCode(String odsCode) {
        if (odsCode == null || !ODS_CODE.matcher(odsCode).matches()) {
            throw new IllegalArgumentException("Not an ODS code: " + odsCode);
        }
        return odsCode;
    }
}
