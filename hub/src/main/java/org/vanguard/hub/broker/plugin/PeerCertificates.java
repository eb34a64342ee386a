package org.vanguard.hub.broker.plugin;

import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnection;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.jspecify.annotations.Nullable;

/**
 * The client certificate a broker connection presented in its TLS handshake (already chained to a trust anchor by it).
 * Read from the connection's Netty channel: Artemis's own {@code CertificateUtil} does the same but has moved package
 * between versions (2.40 and the 2.5x the hub embeds), and these classes run in both.
 */
public final class PeerCertificates {

    private PeerCertificates() {}

    /** The peer's own certificate, when the connection is TLS with a client certificate. */
    public static Optional<X509Certificate> of(@Nullable RemotingConnection connection) {
        if (connection == null || !(connection.getTransportConnection() instanceof NettyConnection netty)) {
            return Optional.empty();
        }
        SslHandler tls = netty.getChannel().pipeline().get(SslHandler.class);
        if (tls == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
    }
}
