package org.vanguard.hub.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CA's algorithms in one place: EC P-256 keys, ECDSA with SHA-256 signatures, random serial numbers.
 * Bouncy Castle is passed as a provider instance, never registered with {@code Security.addProvider}, so the
 * JDK's TLS stack keeps choosing its own providers; keys and certificate objects are the JDK's own for the same
 * reason, and only signing goes through Bouncy Castle.
 */
final class CaCrypto {

    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CaCrypto() {}

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no EC P-256 key generation", e);
        }
    }

    /** RFC 5280 section 4.1.2.2: positive, at most 20 octets, and unpredictable per CA/B Forum practice. */
    static BigInteger newSerial() {
        return new BigInteger(128, RANDOM).setBit(127);
    }

    static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                .setProvider(BOUNCY_CASTLE)
                .build(key);
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(signingKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }
}
