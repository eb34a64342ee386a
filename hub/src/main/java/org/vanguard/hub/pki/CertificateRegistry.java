package org.vanguard.hub.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every certificate the hub's CA has issued, in the database, and the set of revoked serial numbers the TLS
 * trust manager consults on each handshake. The set is held in memory (refreshed on every revocation made
 * through this hub, and when another node announces one: {@link #announceRevocationsWith}, {@link #reloadRevoked})
 * because a handshake must not wait on the database.
 */
public class CertificateRegistry {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String COLUMNS = "serial, subject, ods_code, kind, not_before, not_after, issued_at, status,"
            + " revoked_at, revocation_reason, revoked_by";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Set<BigInteger> revokedSerials;
    private volatile Runnable announce = () -> {};

    public CertificateRegistry(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.revokedSerials = loadRevokedSerials();
    }

    public static String serialOf(BigInteger serial) {
        return serial.toString(16).toLowerCase(Locale.ROOT);
    }

    /** Records a certificate just issued; recording the same one twice is harmless. */
    public void record(X509Certificate certificate) {
        String serial = serialOf(certificate.getSerialNumber());
        if (find(serial).isPresent()) {
            return;
        }
        jdbc.update(
                "insert into issued_certificate (" + COLUMNS
                        + ", pem) values (?, ?, ?, ?, ?, ?, ?, ?, null, null, null, ?)",
                serial,
                certificate.getSubjectX500Principal().getName(),
                CertificateIdentity.odsCodeOf(certificate).orElse(null),
                kindOf(certificate),
                Timestamp.from(certificate.getNotBefore().toInstant()),
                Timestamp.from(certificate.getNotAfter().toInstant()),
                Timestamp.from(clock.instant()),
                CertificateRecord.ACTIVE,
                pem(certificate));
    }

    public Optional<CertificateRecord> find(String serial) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from issued_certificate where serial = ?",
                        CertificateRegistry::row,
                        serial.toLowerCase(Locale.ROOT))
                .stream()
                .findFirst();
    }

    /** The certificate as issued, PEM encoded. */
    public Optional<String> pemOf(String serial) {
        return jdbc
                .queryForList(
                        "select pem from issued_certificate where serial = ?",
                        String.class,
                        serial.toLowerCase(Locale.ROOT))
                .stream()
                .findFirst();
    }

    public List<CertificateRecord> ofParticipant(String odsCode) {
        return jdbc.query(
                "select " + COLUMNS + " from issued_certificate where ods_code = ? order by issued_at",
                CertificateRegistry::row,
                odsCode);
    }

    public List<CertificateRecord> all() {
        return jdbc.query(
                "select " + COLUMNS + " from issued_certificate order by issued_at", CertificateRegistry::row);
    }

    /** Certificates still in use (not revoked, not yet expired) whose validity ends within {@code window}. */
    public List<CertificateRecord> expiringWithin(Duration window) {
        Instant now = clock.instant();
        return jdbc.query(
                "select " + COLUMNS + " from issued_certificate where status = ? and not_after > ?"
                        + " and not_after <= ? order by not_after",
                CertificateRegistry::row,
                CertificateRecord.ACTIVE,
                Timestamp.from(now),
                Timestamp.from(now.plus(window)));
    }

    /**
     * Marks a certificate revoked. Empty when no such certificate was issued; a certificate already revoked keeps
     * its first revocation (date and reason), as a CRL entry must not change.
     */
    public Optional<CertificateRecord> revoke(String serial, RevocationReason reason, String revokedBy) {
        int changed = jdbc.update(
                "update issued_certificate set status = ?, revoked_at = ?, revocation_reason = ?, revoked_by = ?"
                        + " where serial = ? and status = ?",
                CertificateRecord.REVOKED,
                Timestamp.from(clock.instant()),
                reason.label(),
                revokedBy,
                serial.toLowerCase(Locale.ROOT),
                CertificateRecord.ACTIVE);
        if (changed > 0) {
            // In the revoking transaction: the other nodes hear of it when it commits.
            announce.run();
        }
        Optional<CertificateRecord> record = find(serial);
        record.filter(r -> CertificateRecord.REVOKED.equals(r.status()))
                .ifPresent(r -> remember(Set.of(new BigInteger(r.serial(), 16))));
        // The update may sit in a caller's open transaction: read back what is committed once it commits.
        AfterCommit.run(() -> remember(loadRevokedSerials()));
        return record;
    }

    /**
     * Adds to the revoked set, never takes away: a revocation is final, and two revocations in flight at once must
     * not each replace the set with one that lacks the other's certificate. (A revocation whose transaction then
     * rolls back stays refused until the next start: the safe side.)
     */
    private synchronized void remember(Set<BigInteger> serials) {
        if (revokedSerials.containsAll(serials)) {
            return;
        }
        Set<BigInteger> union = new java.util.HashSet<>(revokedSerials);
        union.addAll(serials);
        revokedSerials = Set.copyOf(union);
    }

    /** Told of every revocation made through this node, in its transaction, to announce it to the other nodes. */
    public void announceRevocationsWith(Runnable announcement) {
        this.announce = java.util.Objects.requireNonNull(announcement, "announcement");
    }

    /** Reads the revoked serials again from the database, when another node revoked a certificate. */
    public void reloadRevoked() {
        remember(loadRevokedSerials());
    }

    public List<RevokedCertificate> revoked() {
        return jdbc.query(
                "select serial, revoked_at, revocation_reason from issued_certificate where status = ?",
                (rs, n) -> new RevokedCertificate(
                        new BigInteger(rs.getString("serial"), 16),
                        rs.getTimestamp("revoked_at").toInstant(),
                        RevocationReason.fromLabel(rs.getString("revocation_reason"))),
                CertificateRecord.REVOKED);
    }

    /** Read on every TLS handshake; answered from memory. */
    public boolean isRevoked(BigInteger serial) {
        return revokedSerials.contains(serial);
    }

    private Set<BigInteger> loadRevokedSerials() {
        return jdbc
                .queryForList(
                        "select serial from issued_certificate where status = ?",
                        String.class,
                        CertificateRecord.REVOKED)
                .stream()
                .map(s -> new BigInteger(s, 16))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String kindOf(X509Certificate certificate) {
        if (CertificateIdentity.odsCodeOf(certificate).isPresent()) {
            return "participant";
        }
        if (CertificateIdentity.isIgOfficer(certificate)) {
            return "officer";
        }
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes != null && purposes.contains(SERVER_AUTH) ? "server" : "other";
        } catch (CertificateParsingException e) {
            return "other";
        }
    }

    private static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static CertificateRecord row(ResultSet rs, int n) throws SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        return new CertificateRecord(
                rs.getString("serial"),
                rs.getString("subject"),
                rs.getString("ods_code"),
                rs.getString("kind"),
                rs.getTimestamp("not_before").toInstant(),
                rs.getTimestamp("not_after").toInstant(),
                rs.getTimestamp("issued_at").toInstant(),
                rs.getString("status"),
                revokedAt == null ? null : revokedAt.toInstant(),
                rs.getString("revocation_reason"),
                rs.getString("revoked_by"));
    }
}
