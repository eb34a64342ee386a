package org.vanguard.hub.pki;

import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.artemis.api.core.TrustManagerFactoryPlugin;

/**
 * Gives an Artemis TLS acceptor the same trust decision as the HTTPS connector: chain to the hub's root,
 * within dates, not revoked. Name it in the acceptor URI,
 * {@code ...;needClientAuth=true;trustManagerFactoryPlugin=org.vanguard.hub.pki.HubTrustManagerFactoryPlugin};
 * Artemis instantiates it by its no-argument constructor, and it delegates to the trust manager the hub
 * installed at start ({@link RevocationCheckingTrustManager#install}), so the broker must start after the PKI
 * beans (it does when the acceptor is configured in a bean that depends on {@link RevocationCheckingTrustManager}).
 */
public class HubTrustManagerFactoryPlugin implements TrustManagerFactoryPlugin {

    @Override
    public TrustManagerFactory getTrustManagerFactory() {
        return RevocationCheckingTrustManager.factory();
    }
}
