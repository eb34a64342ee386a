package org.vanguard.hub.broker.plugin;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       every login, so a revocation made through any hub node refuses the next connection. The participant is
 *       the ODS code the registry recorded, whatever user name the client offers, and may do exactly
 *       {@link ParticipantPermissions} (properties {@code mailbox-prefix}, {@code reply-prefix}, {@code intake-queue}).
 *       The database not answering refuses the connection.</li>
 *   <li>Any other connection (the hub nodes and the broker's own users, over the core acceptor) is the broker's JAAS
 *       login and security settings, as without this manager.</li>
 * </ul>
 * The participants' acceptor must offer SASL EXTERNAL alone: Artemis keys its authorisation cache by the user name a
 * client offers, and with EXTERNAL that is the certificate's subject, which no client chooses. Its authentication
 * cache keeps a login for the broker's {@code security-invalidation-interval} (deploy/cluster: 2 s), which bounds how
 * long after a revocation a new connection can still be let in.
 */
public final class CertificateSecurityManager implements ActiveMQSecurityManager5 {

    private static final Logger log = LoggerFactory.getLogger(CertificateSecurityManager.class);

    private static final String PARTICIPANT_ROLE = "participant";
    private static final String QUERY =
            "select ods_code, kind, status, not_after from issued_certificate where serial = ?";
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    private volatile ActiveMQSecurityManager5 others = new ActiveMQJAASSecurityManager("activemq");
    private volatile ParticipantPermissions permissions = ParticipantPermissions.DEFAULTS;
    private volatile @Nullable String jdbcUrl;
    private final Properties jdbcProperties = new Properties();

    @Override
    public CertificateSecurityManager init(Map<String, String> properties) {
        others = new ActiveMQJAASSecurityManager(properties.getOrDefault("jaas-domain", "activemq"));
        permissions = ParticipantPermissions.from(properties);
        jdbcUrl = properties.get("jdbc-url");
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "CertificateSecurityManager needs the hubs' database: property jdbc-url");
        }
        if (properties.containsKey("jdbc-user")) {
            jdbcProperties.setProperty("user", properties.get("jdbc-user"));
        }
        if (properties.containsKey("jdbc-password")) {
            jdbcProperties.setProperty("password", properties.get("jdbc-password"));
        }
        return this;
    }

    /** Null refuses the connection (Artemis then answers with a security exception). */
    @Override
    public @Nullable Subject authenticate(
            String user, String password, RemotingConnection connection, String securityDomain)
            throws NoCacheLoginException {
        Optional<X509Certificate> certificate = PeerCertificates.of(connection);
        if (certificate.isEmpty()) {
            return others.authenticate(user, password, connection, securityDomain);
        }
        Optional<String> participant = participantOf(certificate.get());
        if (participant.isEmpty()) {
            log.info(
                    "Refused a broker connection from {}: certificate {} (serial {}) is no active participant"
                            + " certificate of the hub",
                    connection.getRemoteAddress(),
                    certificate.get().getSubjectX500Principal().getName(),
                    serialOf(certificate.get()));
            return null;
        }
        return ParticipantSubjects.participant(participant.get());
    }

    private Optional<String> participantOf(X509Certificate certificate) {
        String url = jdbcUrl;
        if (url == null) {
            return Optional.empty();
        }
        try (Connection db = DriverManager.getConnection(url, jdbcProperties);
                PreparedStatement query = db.prepareStatement(QUERY)) {
            query.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            query.setString(1, serialOf(certificate));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String ods = row.getString("ods_code");
                Timestamp notAfter = row.getTimestamp("not_after");
                boolean usable = ods != null
                        && PARTICIPANT_ROLE.equals(row.getString("kind"))
                        && "active".equals(row.getString("status"))
                        && notAfter != null
                        && notAfter.toInstant().isAfter(Instant.now());
                return usable ? Optional.of(ods) : Optional.empty();
            }
        } catch (SQLException e) {
            log.warn("Refused a participant's broker connection: the hubs' database did not answer: {}", e.toString());
            return Optional.empty();
        }
    }

    private static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
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
