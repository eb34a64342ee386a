package org.vanguard.hub.broker.plugin;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.slf4j.LoggerFactory;

/** Whose active (not revoked, not expired) participant certificate a client certificate is, asked now. */
@FunctionalInterface
public interface ParticipantCertificateCheck {

    /**
     * @return the participant's ODS code, or empty when the certificate is not (or no longer) an active participant
     *     certificate
     * @throws SQLException when the hubs' certificate registry could not be asked
     */
    Optional<String> participantOf(X509Certificate certificate) throws SQLException;

    /**
     * Of these certificates, the serials ({@link ParticipantCertificates#serialOf}) that are still active participant
     * certificates: one question per certificate unless a registry answers them together.
     *
     * @throws SQLException when the hubs' certificate registry could not be asked
     */
    default Set<String> stillActive(Collection<X509Certificate> certificates) throws SQLException {
        Set<String> active = new HashSet<>();
        for (X509Certificate certificate : certificates) {
            if (participantOf(certificate).isPresent()) {
                active.add(ParticipantCertificates.serialOf(certificate));
            }
        }
        return active;
    }

    /**
     * The participant a connection's certificate is, or the refusal the caller throws (logged here, with the reason):
     * the certificate is no active participant certificate, or the registry did not answer.
     *
     * @param opening what the connection was opening, for the log ("broker connection", "session")
     * @param refusal the caller's exception for a reason
     */
    static <E extends Exception> String require(
            ParticipantCertificateCheck check,
            X509Certificate certificate,
            RemotingConnection connection,
            String opening,
            Function<String, E> refusal)
            throws E {
        Optional<String> participant;
        try {
            participant = check.participantOf(certificate);
        } catch (SQLException e) {
            LoggerFactory.getLogger(ParticipantCertificateCheck.class)
                    .warn(
                            "Refused a participant's {} from {}: the hubs' certificate registry did not answer: {}",
                            opening,
                            connection.getRemoteAddress(),
                            e.toString());
            throw refusal.apply("the hubs' certificate registry did not answer; try again");
        }
        if (participant.isEmpty()) {
            LoggerFactory.getLogger(ParticipantCertificateCheck.class)
                    .info(
                            "Refused a {} from {}: certificate {} (serial {}) is no active participant certificate of"
                                    + " the hub",
                            opening,
                            connection.getRemoteAddress(),
                            certificate.getSubjectX500Principal().getName(),
                            ParticipantCertificates.serialOf(certificate));
            throw refusal.apply("the connection's certificate is no active participant certificate");
        }
        return participant.get();
    }
}
