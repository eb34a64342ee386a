package org.vanguard.hub.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.routes.record.RecordKey;
import org.vanguard.routes.record.RecordRepository;
import org.vanguard.routes.record.RecordVersion;
import org.vanguard.routes.record.SharedRecord;
import org.vanguard.routes.record.StaleRecord;

/**
 * Shared records on the database. The compare-and-keep runs in one transaction with the held rows locked
 * ({@code select ... for update}), so two dispatchers offering versions of the same record are serialised;
 * two first versions racing both insert, one fails on the primary key and its message is redelivered and
 * compared again.
 */
@Repository
public class JdbcRecordStore implements RecordRepository {

    private static final String COLUMNS = "source_ods, resource_type, logical_id, nhs_number, version_id, last_updated,"
            + " content_hash, resource_json, message_id, stored_at";

    private final JdbcTemplate jdbc;

    public JdbcRecordStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SharedRecord> held(RecordKey key) {
        return jdbc
                .query(
                        "select " + COLUMNS
                                + " from shared_record where source_ods = ? and resource_type = ? and logical_id = ?",
                        JdbcRecordStore::read,
                        key.source().value(),
                        key.resourceType(),
                        key.logicalId())
                .stream()
                .findFirst();
    }

    @Override
    public List<SharedRecord> latestAbout(NhsNumber patient, String resourceType) {
        return jdbc.query(
                "select " + COLUMNS + " from shared_record where nhs_number = ? and resource_type = ?"
                        + " order by source_ods, logical_id",
                JdbcRecordStore::read,
                patient.value(),
                resourceType);
    }

    /** Every version kept of a record, oldest first. */
    public List<SharedRecord> history(RecordKey key) {
        return jdbc.query(
                "select " + COLUMNS + " from shared_record_history where source_ods = ? and resource_type = ?"
                        + " and logical_id = ? order by seq",
                JdbcRecordStore::read,
                key.source().value(),
                key.resourceType(),
                key.logicalId());
    }

    @Override
    @Transactional
    public List<StaleRecord> keepUnlessStale(
            List<SharedRecord> offered, BiFunction<SharedRecord, SharedRecord, Optional<StaleRecord>> staleness) {
        List<StaleRecord> stale = new ArrayList<>();
        List<SharedRecord> inserts = new ArrayList<>();
        List<SharedRecord> updates = new ArrayList<>();
        for (SharedRecord record : offered) {
            RecordKey key = record.key();
            SharedRecord held = jdbc
                    .query(
                            "select " + COLUMNS + " from shared_record where source_ods = ?"
                                    + " and resource_type = ? and logical_id = ? for update",
                            JdbcRecordStore::read,
                            key.source().value(),
                            key.resourceType(),
                            key.logicalId())
                    .stream()
                    .findFirst()
                    .orElse(null);
            Optional<StaleRecord> refused = staleness.apply(record, held);
            if (refused.isPresent()) {
                stale.add(refused.get());
            } else if (held == null) {
                inserts.add(record);
            } else if (!isRepeat(record, held)) {
                updates.add(record);
            }
        }
        if (!stale.isEmpty()) {
            return stale;
        }
        for (SharedRecord record : inserts) {
            jdbc.update(
                    "insert into shared_record (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values(record));
            history(record);
        }
        for (SharedRecord record : updates) {
            jdbc.update(
                    """
                    update shared_record set nhs_number = ?, version_id = ?, last_updated = ?, content_hash = ?,
                    resource_json = ?, message_id = ?, stored_at = ?
                    where source_ods = ? and resource_type = ? and logical_id = ?""",
                    record.patient().value(),
                    record.version().versionId().orElse(null),
                    record.version().lastUpdated().map(Timestamp::from).orElse(null),
                    record.contentHash(),
                    record.resourceJson(),
                    record.hubMessageId(),
                    Timestamp.from(record.storedAt()),
                    record.key().source().value(),
                    record.key().resourceType(),
                    record.key().logicalId());
            history(record);
        }
        return List.of();
    }

    /** The version held, offered again (a redelivered or repeated message): nothing new to keep. */
    private static boolean isRepeat(SharedRecord offered, SharedRecord held) {
        return offered.contentHash().equals(held.contentHash())
                && offered.version().equals(held.version());
    }

    private void history(SharedRecord record) {
        jdbc.update(
                "insert into shared_record_history (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values(record));
    }

    private static Object[] values(SharedRecord record) {
        return new Object[] {
            record.key().source().value(),
            record.key().resourceType(),
            record.key().logicalId(),
            record.patient().value(),
            record.version().versionId().orElse(null),
            record.version().lastUpdated().map(Timestamp::from).orElse(null),
            record.contentHash(),
            record.resourceJson(),
            record.hubMessageId(),
            Timestamp.from(record.storedAt())
        };
    }

    private static SharedRecord read(ResultSet rs, int row) throws SQLException {
        RecordKey key = new RecordKey(
                OdsCode.of(rs.getString("source_ods")), rs.getString("resource_type"), rs.getString("logical_id"));
        RecordVersion version = new RecordVersion(
                Optional.ofNullable(rs.getString("version_id")),
                Optional.ofNullable(rs.getTimestamp("last_updated")).map(Timestamp::toInstant));
        return new SharedRecord(
                key,
                NhsNumber.of(rs.getString("nhs_number")),
                version,
                rs.getString("content_hash"),
                rs.getString("resource_json"),
                rs.getString("message_id"),
                rs.getTimestamp("stored_at").toInstant());
    }
}
