package org.vanguard.hub.broker;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.broker.plugin.ParticipantPermissions;
import org.vanguard.hub.broker.plugin.ParticipantSubjects;
import org.vanguard.hub.broker.plugin.PeerCertificates;
import org.vanguard.hub.broker.plugin.ValidatedSenderStamp;
import org.vanguard.hub.pki.CertificateIdentity;

/**
 * Who is on the broker, and what they may do. Two kinds of caller exist:
 * <ul>
 *   <li>the hub itself (Camel routes, the mailbox service) over in-VM connections, which cannot be opened
 *       from outside this JVM: full access, as user {@value #HUB_USER};</li>
 *   <li>a participant over the network: its identity is the ODS code in its TLS client certificate (already
 *       chained to the hub's CA by the handshake), whatever user name or password the client offers; an unknown
 *       organisation, or a certificate that speaks for none, is refused. What it may then do is
 *       {@link ParticipantPermissions}.</li>
 * </ul>
 * Artemis sets the validated user of every session to the ODS code (its {@code UserPrincipal}), which is what
 * {@link ValidatedSenderStamp} writes onto each message a participant sends.
 */
public final class ParticipantSecurityManager implements ActiveMQSecurityManager5 {

    /** The validated user of the hub's own in-VM sessions. */
    public static final String HUB_USER = "hub";

    private static final String HUB_ROLE = "hub";
    private static final Logger log = LoggerFactory.getLogger(ParticipantSecurityManager.class);

    private final ParticipantDirectory participants;
    private final ParticipantPermissions permissions;

    public ParticipantSecurityManager(ParticipantDirectory participants, ParticipantPermissions permissions) {
        this.participants = participants;
        this.permissions = permissions;
    }

    /** Null refuses the connection (Artemis then answers with a security exception and logs a warning). */
    @Override
    public @Nullable Subject authenticate(
            String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection == null || connection.getTransportConnection() instanceof InVMConnection) {
            return ParticipantSubjects.subject(HUB_USER, HUB_ROLE);
        }
        Optional<String> participant = participantOf(connection);
        if (participant.isEmpty()) {
            log.info(
                    "Refused a broker connection from {}: certificate {} names no participant of this hub",
                    connection.getRemoteAddress(),
                    PeerCertificates.of(connection)
                            .map(certificate ->
                                    certificate.getSubjectX500Principal().getName())
                            .orElse("(none)"));
            return null;
        }
        return ParticipantSubjects.participant(participant.get());
    }

    private Optional<String> participantOf(RemotingConnection connection) {
        return PeerCertificates.of(connection).flatMap(certificate -> participantOf(participants, certificate));
    }

    /**
     * The participant of this hub a certificate the handshake has accepted speaks for: the ODS code it names, when that
     * is a participant in the directory. Revocation and expiry are the handshake's (and
     * {@link org.vanguard.hub.broker.plugin.ParticipantSessionCheck}'s) to check.
     */
    static Optional<String> participantOf(ParticipantDirectory participants, X509Certificate certificate) {
        return CertificateIdentity.odsCodeOf(certificate)
                .flatMap(ParticipantSecurityManager::odsCode)
                .filter(participants::contains)
                .map(OdsCode::value);
    }

    private static Optional<OdsCode> odsCode(String value) {
        try {
            return Optional.of(OdsCode.of(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Security settings' roles are not used: the hub's rules are exact names, decided in code. */
    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        if (subject.getPrincipals(RolePrincipal.class).contains(new RolePrincipal(HUB_ROLE))) {
            return true;
        }
        return ParticipantSubjects.participantOf(subject)
                .map(ods -> permissions.allows(ods, checkType, address))
                .orElse(false);
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
