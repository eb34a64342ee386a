package org.vanguard.hub.pki;

import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Predicate;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The JDK's PKIX trust manager (chain to the hub's root, every certificate within its dates) followed by the
 * hub's own revocation check: a peer presenting a certificate the registry lists as revoked is refused during
 * the handshake, before any request is read. Revocation is checked in process, against the registry's
 * in-memory set, so a revocation takes effect on the very next handshake without anyone fetching a CRL.
 *
 * <p>TLS stacks that build trust managers by class name ({@code server.ssl} in Tomcat through
 * {@code SSLHostConfig.trustManagerClassName}; Artemis through a {@code TrustManagerFactoryPlugin}) get one with
 * the no-argument constructor, which delegates to the instance the hub {@linkplain #install installed} at start,
 * or use {@link #factory()}. A stack that is handed one directly uses the two-argument constructor.
 */
public class RevocationCheckingTrustManager extends X509ExtendedTrustManager {

    private static volatile @Nullable RevocationCheckingTrustManager installed;

    // Null in an instance that delegates (the no-argument constructor); target() always has them.
    private final @Nullable X509ExtendedTrustManager pkix;
    /** The root and the issuing CA: a client whose key store holds only its leaf picks it by its issuer, so both are named. */
    private final X509Certificate @Nullable [] acceptedIssuers;

    private final @Nullable Predicate<BigInteger> isRevoked;
    /** The installed instance when this one was made, so a TLS stack keeps the hub that created it. */
    private final @Nullable RevocationCheckingTrustManager boundTo;

    /**
     * Delegates to the instance installed when it is constructed (a TLS stack builds it while its hub starts),
     * or, if none was installed yet, to whichever is installed at each call; fails the handshake if none is.
     */
    public RevocationCheckingTrustManager() {
        this.pkix = null;
        this.acceptedIssuers = null;
        this.isRevoked = null;
        this.boundTo = installed;
    }

    /**
     * @param trustAnchors the certificates a chain must end in (the hub's root)
     * @param isRevoked answers, from memory, whether a serial number has been revoked
     */
    public RevocationCheckingTrustManager(KeyStore trustAnchors, Predicate<BigInteger> isRevoked) {
        this(trustAnchors, java.util.List.of(), isRevoked);
    }

    /**
     * @param intermediates CA certificates the hub holds between the root and the certificates it issues (its issuing
     *     CA): a peer that presents only its leaf certificate is accepted, the chain is completed from these, as a
     *     client library configured with a single certificate file does (RFC 8446 4.4.2 lets the sender omit them)
     */
    public RevocationCheckingTrustManager(
            KeyStore trustAnchors, java.util.List<X509Certificate> intermediates, Predicate<BigInteger> isRevoked) {
        this.pkix = pkixTrustManager(
                Objects.requireNonNull(trustAnchors, "trustAnchors"),
                Objects.requireNonNull(intermediates, "intermediates"));
        this.acceptedIssuers = acceptedIssuers(trustAnchors, intermediates);
        this.isRevoked = Objects.requireNonNull(isRevoked, "isRevoked");
        this.boundTo = null;
    }

    /** Makes {@code trustManager} the one that no-argument instances made from now on (and {@link #factory()}) delegate to. */
    public static void install(RevocationCheckingTrustManager trustManager) {
        installed = Objects.requireNonNull(trustManager, "trustManager");
    }

    /** The installed instance, for code (an Artemis TrustManagerFactoryPlugin) that wants it directly. */
    public static RevocationCheckingTrustManager installed() {
        RevocationCheckingTrustManager current = installed;
        if (current == null) {
            throw new IllegalStateException("the hub has not installed its trust manager yet");
        }
        return current;
    }

    /**
     * A TrustManagerFactory whose only trust manager delegates to the installed one; {@code init} is ignored,
     * because the trust anchors and revocation come from the hub, not from the caller's trust store.
     */
    public static TrustManagerFactory factory() {
        return new FixedTrustManagerFactory(new RevocationCheckingTrustManager());
    }

    /** A TrustManagerFactory handing out this trust manager, for an SSL bundle ({@link MutualTls}). */
    public TrustManagerFactory asFactory() {
        return new FixedTrustManagerFactory(this);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        RevocationCheckingTrustManager target = target();
        target.pkix().checkClientTrusted(chain, authType);
        target.refuseRevoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        RevocationCheckingTrustManager target = target();
        target.pkix().checkClientTrusted(chain, authType, socket);
        target.refuseRevoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        RevocationCheckingTrustManager target = target();
        target.pkix().checkClientTrusted(chain, authType, engine);
        target.refuseRevoked(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        RevocationCheckingTrustManager target = target();
        target.pkix().checkServerTrusted(chain, authType);
        target.refuseRevoked(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        RevocationCheckingTrustManager target = target();
        target.pkix().checkServerTrusted(chain, authType, socket);
        target.refuseRevoked(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        RevocationCheckingTrustManager target = target();
        target.pkix().checkServerTrusted(chain, authType, engine);
        target.refuseRevoked(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return Objects.requireNonNull(target().acceptedIssuers, "target").clone();
    }

    private RevocationCheckingTrustManager target() {
        if (pkix != null) {
            return this;
        }
        return boundTo != null ? boundTo : installed();
    }

    /** Called on a {@link #target()} only, which has its own checks. */
    private X509ExtendedTrustManager pkix() {
        return Objects.requireNonNull(pkix, "target");
    }

    private void refuseRevoked(X509Certificate[] chain) throws CertificateException {
        Predicate<BigInteger> isRevoked = Objects.requireNonNull(this.isRevoked, "target");
        for (X509Certificate certificate : chain) {
            if (isRevoked.test(certificate.getSerialNumber())) {
                throw new CertificateException(
                        "certificate " + CertificateRegistry.serialOf(certificate.getSerialNumber()) + " ("
                                + certificate.getSubjectX500Principal().getName() + ") has been revoked");
            }
        }
    }

    /**
     * The JDK's PKIX trust manager over the trust anchors, with the intermediates as a certificate store the path
     * builder may complete a peer's chain from; revocation is the hub's own check, so PKIX's is off.
     */
    private static X509ExtendedTrustManager pkixTrustManager(
            KeyStore trustAnchors, java.util.List<X509Certificate> intermediates) {
        try {
            java.security.cert.PKIXBuilderParameters parameters = new java.security.cert.PKIXBuilderParameters(
                    trustAnchors, new java.security.cert.X509CertSelector());
            parameters.setRevocationEnabled(false);
            parameters.addCertStore(java.security.cert.CertStore.getInstance(
                    "Collection", new java.security.cert.CollectionCertStoreParameters(intermediates)));
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(new javax.net.ssl.CertPathTrustManagerParameters(parameters));
            for (TrustManager trustManager : factory.getTrustManagers()) {
                if (trustManager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK's PKIX TrustManagerFactory offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the PKIX trust manager", e);
        }
    }

    private static X509Certificate[] acceptedIssuers(
            KeyStore trustAnchors, java.util.List<X509Certificate> intermediates) {
        try {
            java.util.List<X509Certificate> issuers = new java.util.ArrayList<>();
            for (String alias : java.util.Collections.list(trustAnchors.aliases())) {
                if (trustAnchors.getCertificate(alias) instanceof X509Certificate anchor) {
                    issuers.add(anchor);
                }
            }
            issuers.addAll(intermediates);
            return issuers.toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the trust anchors", e);
        }
    }

    /** A TrustManagerFactory that hands out one fixed trust manager, whatever it is initialised with. */
    private static final class FixedTrustManagerFactory extends TrustManagerFactory {

        private static final Provider PROVIDER =
                new Provider("VanguardHubTrust", "1.0", "The hub's revocation-checking trust manager") {};

        FixedTrustManagerFactory(X509TrustManager trustManager) {
            super(
                    new TrustManagerFactorySpi() {
                        @Override
                        protected void engineInit(KeyStore keyStore) {}

                        @Override
                        protected void engineInit(ManagerFactoryParameters parameters) {}

                        @Override
                        protected TrustManager[] engineGetTrustManagers() {
                            return new TrustManager[] {trustManager};
                        }
                    },
                    PROVIDER,
                    "PKIX");
        }
    }
}
