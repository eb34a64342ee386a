package org.vanguard.hub.broker.plugin;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Optional;

/** Whose active (not revoked, not expired) participant certificate a client certificate is, asked now. */
@FunctionalInterface
public interface ParticipantCertificateCheck {

    /**
     * @return the participant's ODS code, or empty when the certificate is not (or no longer) an active participant
     *     certificate
     * @throws SQLException when the hubs' certificate registry could not be asked
     */
    Optional<String> participantOf(X509Certificate certificate) throws SQLException;
}
