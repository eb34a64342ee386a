package org.vanguard.hub.broker.plugin;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.persistence.OperationContext;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.protocol.SessionCallback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds an external broker's participants to the hubs' certificate registry at every step, not only at login:
 * <ul>
 *   <li>every session a connection with a client certificate opens is refused unless that very certificate (its
 *       serial) is still an active participant certificate, asked of the registry now. Artemis's login cache is keyed
 *       by the certificate's subject, which all of a participant's certificates share, so without this a revoked
 *       certificate could open sessions on the strength of its sibling's cached login;</li>
 *   <li>every {@code revocation-sweep-interval} milliseconds (default 5,000; 0 turns it off) the broker's connections
 *       with client certificates are checked and those whose certificate has been revoked or has expired since they
 *       logged in are closed, so a revocation made through any hub node ends a connection already open within that
 *       bound.</li>
 * </ul>
 * In a broker.xml it needs {@link CertificateSecurityManager} as the broker's security manager (its registry and
 * database settings); a broker configured otherwise fails to start with this plugin. The embedded broker gives it the
 * hub's own registry. A registry that does not answer refuses the session; the sweep then leaves connections be and
 * tries again next time.
 */
public final class ParticipantSessionCheck implements ActiveMQServerPlugin {

    private static final Logger log = LoggerFactory.getLogger(ParticipantSessionCheck.class);

    private volatile long sweepIntervalMillis;
    private volatile @Nullable ParticipantCertificateCheck check;
    private volatile @Nullable ScheduledFuture<?> sweeps;

    /** For a broker.xml: the check is the broker's {@link CertificateSecurityManager}, the sweep every 5 s. */
    public ParticipantSessionCheck() {
        this.sweepIntervalMillis = 5_000;
    }

    /**
     * @param check whose active participant certificate a client certificate is
     * @param sweepIntervalMillis how often open connections are checked; 0 never
     */
    public ParticipantSessionCheck(ParticipantCertificateCheck check, long sweepIntervalMillis) {
        this.check = check;
        this.sweepIntervalMillis = sweepIntervalMillis;
    }

    @Override
    public void init(Map<String, String> properties) {
        sweepIntervalMillis = Long.parseLong(properties.getOrDefault("revocation-sweep-interval", "5000"));
        if (sweepIntervalMillis < 0) {
            throw new IllegalArgumentException("revocation-sweep-interval must be 0 (off) or more milliseconds");
        }
    }

    @Override
    public void registered(ActiveMQServer server) {
        ParticipantCertificateCheck registry = check;
        if (registry == null) {
            if (!(server.getSecurityManager() instanceof CertificateSecurityManager manager)) {
                throw new IllegalStateException("ParticipantSessionCheck needs the broker's security manager to be "
                        + CertificateSecurityManager.class.getName() + " (bootstrap.xml), not "
                        + server.getSecurityManager());
            }
            registry = manager;
            check = manager;
        }
        if (sweepIntervalMillis > 0) {
            ParticipantCertificateCheck sweepWith = registry;
            sweeps = server.getScheduledPool()
                    .scheduleWithFixedDelay(
                            () -> sweep(server, sweepWith),
                            sweepIntervalMillis,
                            sweepIntervalMillis,
                            TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void unregistered(ActiveMQServer server) {
        ScheduledFuture<?> running = sweeps;
        if (running != null) {
            running.cancel(false);
        }
    }

    @Override
    public void beforeCreateSession(
            String name,
            String username,
            int minLargeMessageSize,
            RemotingConnection connection,
            boolean autoCommitSends,
            boolean autoCommitAcks,
            boolean preAcknowledge,
            boolean xa,
            String defaultAddress,
            SessionCallback callback,
            boolean autoCreateQueues,
            OperationContext context,
            Map<SimpleString, RoutingType> prefixes)
            throws ActiveMQException {
        Optional<X509Certificate> certificate = PeerCertificates.of(connection);
        ParticipantCertificateCheck registry = check;
        if (certificate.isPresent() && registry != null) {
            ParticipantCertificateCheck.require(
                    registry, certificate.get(), connection, "session", ActiveMQSecurityException::new);
        }
    }

    /**
     * Closes the connections whose certificate is no longer an active participant certificate: one question to the
     * registry for all of them; one connection failing to close does not keep the others open.
     */
    private static void sweep(ActiveMQServer server, ParticipantCertificateCheck registry) {
        Map<RemotingConnection, X509Certificate> open = new LinkedHashMap<>();
        try {
            for (RemotingConnection connection :
                    List.copyOf(server.getRemotingService().getConnections())) {
                PeerCertificates.of(connection).ifPresent(certificate -> open.put(connection, certificate));
            }
            if (open.isEmpty()) {
                return;
            }
            Set<String> active = registry.stillActive(open.values());
            open.forEach((connection, certificate) -> {
                if (!active.contains(ParticipantCertificates.serialOf(certificate))) {
                    close(server, connection, certificate);
                }
            });
        } catch (SQLException e) {
            log.warn(
                    "Could not check open participant connections: the hubs' certificate registry did not answer: {}",
                    e.toString());
        } catch (RuntimeException e) {
            log.warn("Could not check open participant connections", e);
        }
    }

    private static void close(ActiveMQServer server, RemotingConnection connection, X509Certificate certificate) {
        try {
            log.info(
                    "Closing the connection from {}: certificate serial {} has been revoked or has expired",
                    connection.getRemoteAddress(),
                    ParticipantCertificates.serialOf(certificate));
            server.getRemotingService().removeConnection(connection.getID());
            connection.fail(new ActiveMQSecurityException(
                    "the connection's certificate is no longer an active participant certificate"));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not close the connection from {} after its certificate's revocation",
                    connection.getRemoteAddress(),
                    e);
        }
    }
}
