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
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The hub's demonstration certificate authority, created on first start and kept in {@code ca.p12}.
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
    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    private final Clock clock;

    private HubCertificateAuthority(Path pkiDirectory, PrivateKey caKey, X509Certificate caCertificate, Clock clock) {
        this.pkiDirectory = pkiDirectory;
        this.caKey = caKey;
        this.caCertificate = caCertificate;
        this.clock = clock;
    }

    /**
     * A wrong password or an unreadable {@code ca.p12} fails rather than generating a new CA, because
     * replacing the CA would strand every certificate already issued.
     */
    public static HubCertificateAuthority loadOrCreate(Path pkiDirectory, char[] caPassword, Clock clock)
            throws IOException {
        Objects.requireNonNull(pkiDirectory, "pkiDirectory");
        Objects.requireNonNull(caPassword, "caPassword");
        Objects.requireNonNull(clock, "clock");
        Path keystoreFile = pkiDirectory.resolve(CA_KEYSTORE_FILE);
        HubCertificateAuthority authority = Files.exists(keystoreFile)
                ? load(pkiDirectory, keystoreFile, caPassword, clock)
                : create(pkiDirectory, caPassword, clock);
        if (!Files.exists(authority.caPemPath())) {
            authority.writeCaPem();
        }
        return authority;
    }

    public X509Certificate certificate() {
        return caCertificate;
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
            trustStore.setCertificateEntry(CA_ALIAS, caCertificate);
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
        return issueLeaf(subject, SERVER_VALIDITY, KeyPurposeId.id_kp_serverAuth, subjectAltNames);
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
        return issueLeaf(subject, validity, KeyPurposeId.id_kp_clientAuth, null);
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
        return issueLeaf(subject, validity, KeyPurposeId.id_kp_clientAuth, null);
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
        return issueLeaf(subject, validity, KeyPurposeId.id_kp_clientAuth, null);
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

    private static HubCertificateAuthority load(Path pkiDirectory, Path keystoreFile, char[] password, Clock clock)
            throws IOException {
        KeyStore keyStore = readPkcs12(keystoreFile, password);
        try {
            Key key = keyStore.getKey(CA_ALIAS, password);
            Certificate certificate = keyStore.getCertificate(CA_ALIAS);
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                throw new IOException(keystoreFile + " has no private key entry '" + CA_ALIAS + "'");
            }
            return new HubCertificateAuthority(pkiDirectory, privateKey, x509, clock);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the CA key from " + keystoreFile, e);
        }
    }

    private static HubCertificateAuthority create(Path pkiDirectory, char[] password, Clock clock)
            throws IOException {
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
            X509Certificate certificate = sign(builder, keyPair.getPrivate());
            HubCertificateAuthority authority =
                    new HubCertificateAuthority(pkiDirectory, keyPair.getPrivate(), certificate, clock);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(CA_ALIAS, keyPair.getPrivate(), password, new Certificate[] {certificate});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            keyStore.store(bytes, password);
            AtomicFiles.write(pkiDirectory.resolve(CA_KEYSTORE_FILE), bytes.toByteArray());
            authority.writeCaPem();
            return authority;
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot create the hub CA", e);
        }
    }

    private IssuedCredential issueLeaf(X500Name subject, Duration validity, KeyPurposeId purpose,
            GeneralNames subjectAltNames) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        KeyPair keyPair = newKeyPair();
        Instant now = clock.instant();
        Instant requestedNotAfter = now.plus(validity);
        Instant caNotAfter = caCertificate.getNotAfter().toInstant();
        Instant notAfter = requestedNotAfter.isAfter(caNotAfter) ? caNotAfter : requestedNotAfter;
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, newSerial(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            return new IssuedCredential(keyPair.getPrivate(), sign(builder, caKey), caCertificate);
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
            writer.writeObject(caCertificate);
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
