package org.vanguard.hub.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.vanguard.governance.participant.OdsCode;

/**
 * Onboards a participant from its certificate signing request (PKCS#10, RFC 2986): the participant keeps its
 * private key, the hub checks the request's proof of possession and key strength and issues a client certificate
 * bound to the ODS code the hub was given. Whatever subject the CSR names is ignored.
 */
public class CsrOnboarding {

    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final HubCertificateAuthority ca;
    private final Duration participantValidity;

    public CsrOnboarding(HubCertificateAuthority ca, Duration participantValidity) {
        this.ca = ca;
        this.participantValidity = participantValidity;
    }

    /**
     * Checks the CSR (PEM PKCS#10, self-signature valid, an EC key of at least 256 bits or RSA of at least 2048)
     * and issues a client certificate for {@code odsCode}.
     *
     * @return the new certificate followed by the issuing CA and the root
     * @throws IllegalArgumentException naming what is wrong with the CSR
     */
    public List<X509Certificate> issueFromCsr(OdsCode odsCode, String organisationName, String csrPem) {
        PublicKey publicKey = verifiedPublicKey(csrPem);
        X509Certificate certificate =
                ca.issuer().issueParticipantCertificate(odsCode, organisationName, publicKey, participantValidity);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(ca.caChain());
        return chain;
    }

    private static PublicKey verifiedPublicKey(String csrPem) {
        if (csrPem == null || csrPem.isBlank()) {
            throw new IllegalArgumentException(
                    "the body must be a PEM certificate signing request (PKCS#10); it is empty");
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "the body is not a readable PEM certificate signing request: " + e.getMessage());
        }
        if (!(parsed instanceof PKCS10CertificationRequest csr)) {
            throw new IllegalArgumentException("the body must be a PEM block 'CERTIFICATE REQUEST' (PKCS#10), found "
                    + (parsed == null ? "none" : parsed.getClass().getSimpleName()));
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(BOUNCY_CASTLE)
                    .build(csr.getSubjectPublicKeyInfo()))) {
                throw new IllegalArgumentException("the CSR's signature does not verify with the key it carries");
            }
            PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
            requireStrongKey(key);
            return key;
        } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the CSR's key or signature cannot be checked: " + e.getMessage());
        }
    }

    private static void requireStrongKey(PublicKey key) {
        if (key instanceof ECPublicKey ec
                && ec.getParams().getCurve().getField().getFieldSize() >= 256) {
            return;
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048) {
            return;
        }
        throw new IllegalArgumentException(
                "the CSR's key must be EC of at least 256 bits or RSA of at least 2048 bits, not "
                        + key.getAlgorithm());
    }
}
