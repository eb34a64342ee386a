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
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The hubs' certificate registry ({@code issued_certificate}) as an external broker reads it: whose active participant
 * certificate a client certificate is, asked afresh every time. One database connection, opened on first use, kept and
 * opened again after a failure; the PostgreSQL driver's time-outs bound every call (connect 5 s, login 5 s, socket
 * 10 s, unless the properties given set them), so a database that does not answer refuses a participant within seconds
 * rather than holding the broker. Calls are serialised: participants log in rarely (a connection, a session).
 */
final class ParticipantCertificates implements AutoCloseable {

    private static final String QUERY =
            "select ods_code, kind, status, not_after from issued_certificate where serial = ?";
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    private final String url;
    private final Properties properties;
    private @Nullable Connection connection;

    /**
     * @param properties the driver's properties ({@code user}, {@code password}, ...); the time-outs default as above
     *     and the connection is read-only
     */
    ParticipantCertificates(String url, Properties properties) {
        this.url = url;
        this.properties = new Properties();
        this.properties.setProperty("connectTimeout", "5");
        this.properties.setProperty("loginTimeout", "5");
        this.properties.setProperty("socketTimeout", "10");
        this.properties.setProperty("readOnly", "true");
        this.properties.setProperty("ApplicationName", "artemis-broker");
        this.properties.putAll(properties);
    }

    /** The participant (ODS code) whose active, unexpired participant certificate this is; empty when it is not. */
    synchronized Optional<String> participantOf(X509Certificate certificate) throws SQLException {
        try {
            return lookUp(serialOf(certificate));
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    private Optional<String> lookUp(String serial) throws SQLException {
        Connection db = connection;
        if (db == null || db.isClosed()) {
            db = DriverManager.getConnection(url, properties);
            connection = db;
        }
        try (PreparedStatement query = db.prepareStatement(QUERY)) {
            query.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            query.setString(1, serial);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String ods = row.getString("ods_code");
                Timestamp notAfter = row.getTimestamp("not_after");
                boolean usable = ods != null
                        && "participant".equals(row.getString("kind"))
                        && "active".equals(row.getString("status"))
                        && notAfter != null
                        && notAfter.toInstant().isAfter(Instant.now());
                return usable ? Optional.of(ods) : Optional.empty();
            }
        }
    }

    /** The serial as the registry writes it: lower-case hexadecimal. */
    static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized void close() {
        Connection db = connection;
        connection = null;
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // Being dropped after a failure: nothing more to do with it.
            }
        }
    }
}
