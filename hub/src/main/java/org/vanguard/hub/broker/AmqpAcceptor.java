package org.vanguard.hub.broker;

import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;

/**
 * The network acceptor participants use: AMQP 1.0 only, TLS only, and a client certificate required, so that
 * nothing reaches the broker's security manager without a certificate chained to the hub's CA. SASL EXTERNAL is
 * offered, so a client authenticates by that certificate as AMQP 1.0 over TLS expects (RFC 4422 Appendix A).
 *
 * @param keyStore the hub's server keystore (PKCS#12)
 * @param trustStore a PKCS#12 file holding only the hub CA's certificate
 * @param password protects both stores
 */
record AmqpAcceptor(
        String name,
        String host,
        int port,
        String keyStore,
        String trustStore,
        String password,
        String trustManagerFactoryPlugin) {

    /** The SASL mechanisms offered, most preferred first. */
    static final String SASL_MECHANISMS = "EXTERNAL,PLAIN,ANONYMOUS";

    TransportConfiguration transport() {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, host);
        params.put(TransportConstants.PORT_PROP_NAME, port);
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, "AMQP");
        params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
        params.put(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, true);
        params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, "TLSv1.3,TLSv1.2");
        params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
        params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, keyStore);
        params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, password);
        if (trustManagerFactoryPlugin == null) {
            params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
            params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, trustStore);
            params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, password);
        } else {
            // The hook for a revocation-checking trust manager: it replaces the plain CA trust store entirely.
            params.put(TransportConstants.TRUST_MANAGER_FACTORY_PLUGIN_PROP_NAME, trustManagerFactoryPlugin);
        }
        // For the AMQP protocol manager, not the transport: EXTERNAL first, so a client that authenticates by its
        // certificate (the usual mTLS AMQP client) can say so; PLAIN and ANONYMOUS stay for clients that always send
        // one, and change nothing, since the certificate decides who the caller is whatever the client names.
        Map<String, Object> protocol = new HashMap<>();
        protocol.put("saslMechanisms", SASL_MECHANISMS);
        return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, name, protocol);
    }
}
