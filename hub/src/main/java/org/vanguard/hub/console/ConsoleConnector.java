package org.vanguard.hub.console;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.vanguard.hub.pki.PkiConfiguration;

/**
 * The console's HTTPS connector, added to the hub's Tomcat beside the providers' port: the same server certificate
 * (the {@code hub-server} SSL bundle), no client certificate asked for. Same jar, same servlet context; which
 * security chain applies is decided by the port a request arrives on ({@link #port()}).
 */
@Component
public class ConsoleConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ConsoleProperties properties;
    private final SslBundles bundles;
    private volatile @Nullable Connector connector;

    public ConsoleConnector(ConsoleProperties properties, SslBundles bundles) {
        this.properties = properties;
        this.bundles = bundles;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector console = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        console.setPort(properties.port());
        new SslConnectorCustomizer(LogFactory.getLog(ConsoleConnector.class), console, Ssl.ClientAuth.NONE)
                .customize(bundles.getBundle(PkiConfiguration.SERVER_BUNDLE), java.util.Map.of());
        factory.addAdditionalConnectors(console);
        this.connector = console;
    }

    /** The port the console listens on once started (the configured one, or the free one 0 picked); -1 before. */
    public int port() {
        Connector bound = connector;
        return bound == null ? -1 : bound.getLocalPort();
    }
}
