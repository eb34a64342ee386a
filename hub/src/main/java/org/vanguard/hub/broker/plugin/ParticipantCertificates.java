package org.vanguard.hub.broker.plugin;

import java.security.cert.X509Certificate;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The hubs' certificate registry ({@code issued_certificate}, on PostgreSQL) as an external broker reads it: whose
 * active participant certificate a client certificate is, asked afresh every time. One database connection, opened on
 * first use and kept. The callers are the broker's network threads (a login, a session), so no call may hold them long:
 * <ul>
 *   <li>the driver's time-outs are short (connect 2 s, login 2 s, socket 3 s, query 2 s, unless the properties given
 *       set them);</li>
 *   <li>a call waits at most {@link #WAIT_FOR_TURN} for another one in progress, then fails;</li>
 *   <li>a failed lookup is tried once more on a new connection when the kept one had been open before (a database
 *       restart or a dropped socket is not seen by {@code isClosed()} until used);</li>
 *   <li>after a lookup has failed, every call fails at once for {@link #FAIL_FAST}, without asking, so a database that
 *       hangs refuses participants within milliseconds rather than blocking the broker's threads in turn.</li>
 * </ul>
 * A failure is always a refusal ({@link SQLException}), never a participant let in.
 */
final class ParticipantCertificates implements AutoCloseable {

    /** How long calls fail without asking after a lookup failed. */
    static final Duration FAIL_FAST = Duration.ofSeconds(2);

    /** How long a call waits for one in progress on the same connection. */
    static final Duration WAIT_FOR_TURN = Duration.ofSeconds(2);

    private static final String COLUMNS = "select serial, ods_code, kind, status, not_after from issued_certificate";
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final String url;
    private final Properties properties;
    private final Clock clock;
    private final ReentrantLock turn = new ReentrantLock();
    private @Nullable Connection connection;
    private volatile Instant failedUntil = Instant.MIN;

    /**
     * @param properties the driver's properties ({@code user}, {@code password}, ...); the time-outs default as above
     */
    ParticipantCertificates(String url, Properties properties, Clock clock) {
        this.url = url;
        this.clock = clock;
        this.properties = new Properties();
        this.properties.setProperty("connectTimeout", "2");
        this.properties.setProperty("loginTimeout", "2");
        this.properties.setProperty("socketTimeout", "3");
        this.properties.setProperty("ApplicationName", "artemis-broker");
        this.properties.putAll(properties);
    }

    /** The participant (ODS code) whose active, unexpired participant certificate this is; empty when it is not. */
    Optional<String> participantOf(X509Certificate certificate) throws SQLException {
        String serial = serialOf(certificate);
        return Optional.ofNullable(active(java.util.List.of(serial)).get(serial));
    }

    /**
     * Of the serials given, those that are active, unexpired participant certificates, each with its participant (ODS
     * code), in one query; a serial missing from the answer is no longer one.
     */
    Map<String, String> active(Collection<String> serials) throws SQLException {
        Instant now = clock.instant();
        if (now.isBefore(failedUntil)) {
            throw new SQLException("the hubs' certificate registry failed less than " + FAIL_FAST.toSeconds()
                    + " s ago; not asked again before " + failedUntil);
        }
        try {
            if (!turn.tryLock(WAIT_FOR_TURN.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLException("the hubs' certificate registry is busy with another lookup for more than "
                        + WAIT_FOR_TURN.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting for the hubs' certificate registry", e);
        }
        try {
            boolean reused = connection != null;
            try {
                return lookUp(serials);
            } catch (SQLException first) {
                drop();
                if (!reused) {
                    throw first;
                }
                try {
                    return lookUp(serials);
                } catch (SQLException again) {
                    drop();
                    again.addSuppressed(first);
                    throw again;
                }
            }
        } catch (SQLException e) {
            failedUntil = clock.instant().plus(FAIL_FAST);
            throw e;
        } finally {
            turn.unlock();
        }
    }

    private Map<String, String> lookUp(Collection<String> serials) throws SQLException {
        Connection db = connection;
        if (db == null || db.isClosed()) {
            db = DriverManager.getConnection(url, properties);
            connection = db;
        }
        Map<String, String> active = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(COLUMNS + " where serial = any(?)")) {
            query.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            Array array = db.createArrayOf("varchar", serials.toArray());
            query.setArray(1, array);
            Instant now = clock.instant();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String ods = row.getString("ods_code");
                    Timestamp notAfter = row.getTimestamp("not_after");
                    if (ods != null
                            && "participant".equals(row.getString("kind"))
                            && "active".equals(row.getString("status"))
                            && notAfter != null
                            && notAfter.toInstant().isAfter(now)) {
                        active.put(row.getString("serial"), ods);
                    }
                }
            } finally {
                array.free();
            }
        }
        return active;
    }

    /** The serial as the registry writes it: lower-case hexadecimal. */
    static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
    }

    private void drop() {
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

    @Override
    public void close() {
        turn.lock();
        try {
            drop();
        } finally {
            turn.unlock();
        }
    }
}
