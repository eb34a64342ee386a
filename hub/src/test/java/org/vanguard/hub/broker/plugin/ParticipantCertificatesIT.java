package org.vanguard.hub.broker.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.vanguard.hub.MovingClock;
import org.vanguard.hub.cluster.ClusterDatabase;

/**
 * The external brokers' registry lookups against a real PostgreSQL server, as the brokers' own role (it may read five
 * columns of {@code issued_certificate}): what counts as an active participant certificate, a connection the server
 * dropped replaced without a refusal, and a database that hangs refusing at once after its first failure instead of
 * holding the broker's threads call after call.
 */
@EnabledIfEnvironmentVariable(named = ClusterDatabase.URL, matches = ".+")
class ParticipantCertificatesIT {

    private static ClusterDatabase database;
    private static ClusterDatabase.Credentials role;

    @BeforeAll
    static void registry() throws SQLException {
        database = new ClusterDatabase();
        role = database.brokerRole();
        Instant now = Instant.now();
        try (Connection db =
                DriverManager.getConnection(database.nodeUrl(), ClusterDatabase.user(), ClusterDatabase.password())) {
            insert(db, "a1", "CH001", "participant", "active", now.plus(Duration.ofDays(30)));
            insert(db, "a2", "CH001", "participant", "revoked", now.plus(Duration.ofDays(30)));
            insert(db, "a3", "GP001", "participant", "active", now.minus(Duration.ofMinutes(1)));
            insert(db, "a4", null, "server", "active", now.plus(Duration.ofDays(30)));
            insert(db, "a5", "GP001", "participant", "active", now.plus(Duration.ofDays(30)));
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        database.close();
    }

    private static void insert(Connection db, String serial, String ods, String kind, String status, Instant notAfter)
            throws SQLException {
        try (PreparedStatement row = db.prepareStatement("insert into issued_certificate (serial, subject, ods_code,"
                + " kind, not_before, not_after, issued_at, status, pem) values (?, ?, ?, ?, ?, ?, ?, ?, 'pem')")) {
            Timestamp before = Timestamp.from(Instant.now().minus(Duration.ofDays(1)));
            row.setString(1, serial);
            row.setString(2, "CN=" + serial);
            row.setString(3, ods);
            row.setString(4, kind);
            row.setTimestamp(5, before);
            row.setTimestamp(6, Timestamp.from(notAfter));
            row.setTimestamp(7, before);
            row.setString(8, status);
            row.executeUpdate();
        }
    }

    private static ParticipantCertificates asTheBrokers(Clock clock) {
        Properties login = new Properties();
        login.setProperty("user", role.user());
        login.setProperty("password", role.password());
        return new ParticipantCertificates(database.nodeUrl(), login, clock);
    }

    private static X509Certificate withSerial(String hex) throws Exception {
        var keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name name = new X500Name("CN=CH001");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                new BigInteger(hex, 16),
                                Date.from(now),
                                Date.from(now.plus(Duration.ofDays(1))),
                                name,
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    @Test
    @DisplayName("only an active, unexpired participant certificate names its participant; many answered in one query")
    void activeParticipantCertificates() throws Exception {
        try (ParticipantCertificates certificates = asTheBrokers(Clock.systemUTC())) {
            assertThat(certificates.active(List.of("a1", "a2", "a3", "a4", "a5", "ff")))
                    .as("revoked a2, expired a3, server a4 and unknown ff are not")
                    .isEqualTo(Map.of("a1", "CH001", "a5", "GP001"));
            assertThat(certificates.participantOf(withSerial("A1")))
                    .as("by the serial in lower-case hexadecimal")
                    .contains("CH001");
            assertThat(certificates.participantOf(withSerial("a2"))).isEmpty();
        }
    }

    @Test
    @DisplayName("a kept connection the server has dropped is replaced on the same lookup, which still answers")
    void droppedConnectionReplaced() throws Exception {
        try (ParticipantCertificates certificates = asTheBrokers(Clock.systemUTC())) {
            assertThat(certificates.active(List.of("a1"))).containsKey("a1");
            try (Connection admin = DriverManager.getConnection(
                            database.nodeUrl(), ClusterDatabase.user(), ClusterDatabase.password());
                    Statement statement = admin.createStatement()) {
                String backends = "from pg_stat_activity where usename = '" + role.user() + "'";
                statement.execute("select pg_terminate_backend(pid) " + backends);
                // Ended asynchronously: the next lookup must meet a connection already gone.
                org.awaitility.Awaitility.await("the broker role's backend gone")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> {
                            try (var count = statement.executeQuery("select count(*) " + backends)) {
                                return count.next() && count.getInt(1) == 0;
                            }
                        });
            }
            assertThat(certificates.active(List.of("a1")))
                    .as("asked again on a new connection, not refused")
                    .containsKey("a1");
        }
    }

    @Test
    @DisplayName(
            "a database that does not answer: the lookups waiting, then those after, fail without asking; later, ask again")
    void hangingDatabaseFailsFast() throws Exception {
        MovingClock clock = new MovingClock(Instant.now());
        // Accepts connections and never says a word: a database server that hangs.
        AtomicInteger connected = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                        connected.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            accepting.start();
            Properties login = new Properties();
            login.setProperty("user", role.user());
            try (ParticipantCertificates certificates = new ParticipantCertificates(
                    // Without TLS, one connection per attempt (with it the driver would try again in plain text).
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/hub?sslmode=disable", login, clock)) {
                java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
                try {
                    java.util.concurrent.Future<Map<String, String>> first =
                            other.submit(() -> certificates.active(List.of("a1")));
                    org.awaitility.Awaitility.await("the first lookup waiting on the silent server")
                            .atMost(Duration.ofSeconds(5))
                            .until(connected::get, n -> n == 1);
                    assertThatThrownBy(() -> certificates.active(List.of("a2")))
                            .as("a lookup meanwhile waits for the first, and is refused with it without asking")
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("not asked again");
                    assertThatThrownBy(first::get).hasCauseInstanceOf(SQLException.class);
                } finally {
                    other.shutdownNow();
                }
                assertThat(connected).as("asked once").hasValue(1);

                assertThatThrownBy(() -> certificates.active(List.of("a1")))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("not asked again");
                assertThat(connected).as("not asked again so soon").hasValue(1);

                clock.advance(ParticipantCertificates.FAIL_FAST);
                assertThatThrownBy(() -> certificates.active(List.of("a1"))).isInstanceOf(SQLException.class);
                assertThat(connected).as("asked again once the pause is over").hasValue(2);
            } finally {
                silent.close();
                accepting.join();
                for (Socket socket : held) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }
}
