package org.vanguard.hub.broker.plugin;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.jspecify.annotations.Nullable;

/**
 * The security manager of an external Artemis broker that participants reach over AMQP (a cluster of hubs; the
 * embedded broker has its own, {@code ParticipantSecurityManager}). Configured in the broker's bootstrap.xml in place
 * of {@code <jaas-security>}:
 * <pre>{@code
 * <security-manager class-name="org.vanguard.hub.broker.plugin.CertificateSecurityManager">
 *   <property key="jdbc-url" value="jdbc:postgresql://db:5432/hub"/>   <!-- the hubs' database -->
 *   <property key="jdbc-user" value="hub"/> <property key="jdbc-password" value="..."/>
 *   <property key="jaas-domain" value="activemq"/>                      <!-- everyone else (default) -->
 * </security-manager>}</pre>
 * <ul>
 *   <li>A connection presenting a client certificate (the participants' TLS acceptor requires one, chained to the hub's
 *       CA by the handshake) is a participant: the certificate must be one the hub's CA issued to a participant, still
 *       active (not revoked, not expired) in the hubs' certificate registry ({@code issued_certificate}), asked on
 *       every login, so a revocation made through any hub node refuses the next connection (and, by
 *       {@link ParticipantSessionCheck}, the next session and any connection still open). The participant is
 *       the ODS code the registry recorded, whatever user name the client offers, and may do exactly
 *       {@link ParticipantPermissions} (properties {@code mailbox-prefix}, {@code reply-prefix}, {@code intake-queue}).
 *       The database not answering refuses the connection. A refusal is never cached: the next try asks again.</li>
 *   <li>Any other connection (the hub nodes and the broker's own users, over the core acceptor) is the broker's JAAS
 *       login and security settings, as without this manager.</li>
 * </ul>
 * The participants' acceptor must offer SASL EXTERNAL alone: Artemis keys its authorisation cache by the user name a
 * client offers, and with EXTERNAL that is the certificate's subject, which no client chooses. Its authentication
 * cache keeps a login for the broker's {@code security-invalidation-interval}, keyed by user, password and certificate
 * subject; a participant's certificates all have the same subject, so a revoked one can meet its sibling's cached
 * login. {@link ParticipantSessionCheck} closes that: it asks the registry for the connection's own certificate on
 * every session, uncached.
 */
public final class CertificateSecurityManager implements ActiveMQSecurityManager5, ParticipantCertificateCheck {

    private volatile ActiveMQSecurityManager5 others = new ActiveMQJAASSecurityManager("activemq");
    private volatile ParticipantPermissions permissions = ParticipantPermissions.DEFAULTS;
    private volatile @Nullable ParticipantCertificates logins;
    private volatile @Nullable ParticipantCertificates sweeps;

    /**
     * Properties: {@code jdbc-url} (required), {@code jdbc-user}, {@code jdbc-password} (a role that may only read
     * {@code issued_certificate}'s serial, ods_code, kind, status and not_after: docs/cluster.md), {@code jaas-domain}, and {@link ParticipantPermissions}'s.
     */
    @Override
    public CertificateSecurityManager init(Map<String, String> properties) {
        others = new ActiveMQJAASSecurityManager(properties.getOrDefault("jaas-domain", "activemq"));
        permissions = ParticipantPermissions.from(properties);
        String jdbcUrl = properties.get("jdbc-url");
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "CertificateSecurityManager needs the hubs' database: property jdbc-url");
        }
        Properties jdbc = new Properties();
        if (properties.containsKey("jdbc-user")) {
            jdbc.setProperty("user", properties.get("jdbc-user"));
        }
        if (properties.containsKey("jdbc-password")) {
            jdbc.setProperty("password", properties.get("jdbc-password"));
        }
        logins = new ParticipantCertificates(jdbcUrl, jdbc, Clock.systemUTC());
        sweeps = new ParticipantCertificates(jdbcUrl, jdbc, Clock.systemUTC());
        return this;
    }

    /**
     * The participant's subject for a connection with an active participant certificate; JAAS for a connection
     * without a client certificate.
     *
     * @throws NoCacheLoginException when the certificate is not an active participant certificate, or the registry
     *     could not be asked: refused, and not cached, so neither a revoked sibling nor a database hiccup locks out a
     *     good certificate
     */
    @Override
    public @Nullable Subject authenticate(
            String user, String password, RemotingConnection connection, String securityDomain)
            throws NoCacheLoginException {
        Optional<X509Certificate> certificate = PeerCertificates.of(connection);
        if (certificate.isEmpty()) {
            return others.authenticate(user, password, connection, securityDomain);
        }
        return ParticipantSubjects.participant(ParticipantCertificateCheck.require(
                this, certificate.get(), connection, "broker connection", NoCacheLoginException::new));
    }

    /** Asked of the hubs' registry now, never cached. */
    @Override
    public Optional<String> participantOf(X509Certificate certificate) throws SQLException {
        return initialised(logins).participantOf(certificate);
    }

    /** Asked of the hubs' registry in one query, on a connection of its own (the sweep's, not the logins'). */
    @Override
    public Set<String> stillActive(Collection<X509Certificate> certificates) throws SQLException {
        List<String> serials =
                certificates.stream().map(ParticipantCertificates::serialOf).toList();
        return initialised(sweeps).active(serials).keySet();
    }

    private static ParticipantCertificates initialised(@Nullable ParticipantCertificates registry) throws SQLException {
        if (registry == null) {
            throw new SQLException("CertificateSecurityManager has not been initialised");
        }
        return registry;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        Optional<String> participant = ParticipantSubjects.participantOf(subject);
        if (participant.isPresent()) {
            return permissions.allows(participant.get(), checkType, address);
        }
        return others.authorize(subject, roles, checkType, address);
    }

    /** The pre-JAAS entry points: never used once {@link ActiveMQSecurityManager5} is implemented; refuse. */
    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }
}
