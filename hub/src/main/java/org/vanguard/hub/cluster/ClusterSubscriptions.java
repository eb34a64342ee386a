package org.vanguard.hub.cluster;

import org.springframework.stereotype.Component;
import org.vanguard.hub.agreement.FileAgreementStore;
import org.vanguard.hub.pki.CertificateRegistry;
import org.vanguard.hub.pseudonym.JdbcPseudonymKeys;
import org.vanguard.hub.signing.SigningKeyRing;

/**
 * What each node holds in memory, announced on the {@link ClusterBus} when this node changes it and reloaded when
 * another node does: revoked certificates, the agreements' catalogue, the signing keys and the pseudonym keys.
 * Everything else a decision reads (Consent, objections, relationships, care teams, records) is read from the
 * database on each decision, so every node sees it as soon as it commits.
 */
@Component
public class ClusterSubscriptions {

    public ClusterSubscriptions(
            ClusterBus bus,
            CertificateRegistry certificates,
            FileAgreementStore agreements,
            SigningKeyRing signingKeys,
            JdbcPseudonymKeys pseudonymKeys) {
        certificates.announceRevocationsWith(() -> bus.publish(ClusterBus.REVOCATIONS));
        bus.subscribe(ClusterBus.REVOCATIONS, certificates::reloadRevoked);
        agreements.announceChangesWith(() -> bus.publish(ClusterBus.AGREEMENTS));
        bus.subscribe(ClusterBus.AGREEMENTS, agreements::refresh);
        signingKeys.announceRotationsWith(() -> bus.publish(ClusterBus.SIGNING_KEYS));
        bus.subscribe(ClusterBus.SIGNING_KEYS, signingKeys::reload);
        pseudonymKeys.announceRotationsWith(() -> bus.publish(ClusterBus.PSEUDONYM_KEYS));
        bus.subscribe(ClusterBus.PSEUDONYM_KEYS, pseudonymKeys::forgetCached);
    }
}
