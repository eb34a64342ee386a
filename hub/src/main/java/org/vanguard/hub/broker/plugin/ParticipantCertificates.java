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
import java.util.List;
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
 * first use and kept, one lookup at a time. The callers are the broker's network threads (a login, a session), so no
 * call may hold them long, and none may be refused while the database answers, however slowly (a broker taking over
 * after a failover meets every participant reconnecting at once, on a cold connection):
 * <ul>
 *   <li>the driver's time-outs are short (connect 2 s, login 3 s, socket 3 s, query 2 s, unless the properties given
 *       set them), so one lookup takes at most about 6 s;</li>
 *   <li>a call waits for a lookup in progress (at most {@link #WAIT_FOR_TURN}, longer than a lookup can take);</li>
 *   <li>a lookup that fails because the kept connection was dropped (a database restart, a connection ended by the
 *       server) is tried once more on a new connection, since {@code isClosed()} does not see that until it is used;
 *       one that timed out is not;</li>
 *   <li>after a lookup has failed, every call fails at once for {@link #FAIL_FAST}, without asking, those that were
 *       waiting for their turn included.</li>
 * </ul>
 * So a database that hangs holds the threads asking at that moment for one time-out, and the calls after it for
 * nothing during {@link #FAIL_FAST}. A failure is always a refusal ({@link SQLException}), never a participant let in.
 */
final class ParticipantCertificates implements AutoCloseable {

    /** How long calls fail without asking after a lookup failed. */
    static final Duration FAIL_FAST = Duration.ofSeconds(2);

    /** How long a call waits for a lookup in progress: longer than one can take (time-outs), so only a stuck one. */
    static final Duration WAIT_FOR_TURN = Duration.ofSeconds(8);

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
        this.properties.setProperty("loginTimeout", "3");
        this.properties.setProperty("socketTimeout", "3");
        this.properties.setProperty("ApplicationName", "artemis-broker");
        this.properties.putAll(properties);
    }

    /** The participant (ODS code) whose active, unexpired participant certificate this is; empty when it is not. */
    Optional<String> participantOf(X509Certificate certificate) throws SQLException {
        String serial = serialOf(certificate);
        return Optional.ofNullable(active(List.of(serial)).get(serial));
    }

    /**
     * Of the serials given, those that are active, unexpired participant certificates, each with its participant (ODS
     * code), in one query; a serial missing from the answer is no longer one.
     */
    Map<String, String> active(Collection<String> serials) throws SQLException {
        failingFast();
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
            // The lookup this call waited for may have failed meanwhile.
            failingFast();
            boolean reused = connection != null;
            try {
                return lookUp(serials);
            } catch (SQLException first) {
                drop();
                if (!reused || timedOut(first)) {
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
            if (!(e instanceof NotAsked)) {
                failedUntil = clock.instant().plus(FAIL_FAST);
            }
            throw e;
        } finally {
            turn.unlock();
        }
    }

    private void failingFast() throws SQLException {
        Instant until = failedUntil;
        if (clock.instant().isBefore(until)) {
            throw new NotAsked("the hubs' certificate registry failed less than " + FAIL_FAST.toSeconds()
                    + " s ago; not asked again before " + until);
        }
    }

    /** A refusal without asking, in the pause after a failure. */
    private static final class NotAsked extends SQLException {

        private static final long serialVersionUID = 1L;

        NotAsked(String reason) {
            super(reason);
        }
    }

    /** A time-out (socket, query, login): the database is slow or away, and a new connection would wait again. */
    private static boolean timedOut(SQLException failure) {
        if ("57014".equals(failure.getSQLState())) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException || cause instanceof java.sql.SQLTimeoutException) {
                return true;
            }
        }
        return false;
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
