package org.vanguard.hub.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Consent;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.governance.consent.ConsentStore;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.mailbox.GovernanceChanged;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.routes.consent.ConsentIntake;
import org.vanguard.routes.consent.ConsentReader;
import org.vanguard.routes.consent.ConsentRepository;

/**
 * Consents on the database, the FHIR resource kept whole. The model is re-read from the stored resource,
 * so what the hub decides on is exactly what the sender sent; parsed records are cached by id and version
 * (the time the hub received it), so a replaced Consent is never served stale.
 */
@Repository
public class JdbcConsentStore implements ConsentStore, ConsentRepository {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ConsentReader reader = new ConsentReader();
    private final Map<String, ConsentRecord> parsed = new ConcurrentHashMap<>();

    public JdbcConsentStore(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** A kept Consent as a client reads it back: its version and the resource as stored (with meta.versionId). */
    public record StoredConsent(String id, String versionId, String resourceJson) {

        /** The weak ETag FHIR R4 gives a version (RESTful API 3.1.0.5.2). */
        public String etag() {
            return "W/\"" + versionId + "\"";
        }
    }

    /**
     * Keeps the Consent as the next version of its id: {@code meta.versionId} counts the versions the hub has kept of
     * it (1 for the first) and {@code meta.lastUpdated} is when, so a client can read it back, compare ETags and
     * update with If-Match.
     */
    @Override
    @Transactional
    public void save(ConsentRecord record, String resourceJson) {
        int version = find(record.id())
                .map(stored -> Integer.parseInt(stored.versionId()) + 1)
                .orElse(1);
        Consent versioned = FhirParsing.fromTrustedJson(Consent.class, resourceJson);
        versioned
                .getMeta()
                .setVersionId(Integer.toString(version))
                .setLastUpdated(java.util.Date.from(clock.instant()));
        resourceJson = FhirParsing.toJson(versioned);
        jdbc.update("delete from consent_record where id = ?", record.id());
        jdbc.update(
                """
                insert into consent_record (id, nhs_number, state, date_time, recorded_by, received_at, resource_json)
                values (?, ?, ?, ?, ?, ?, ?)""",
                record.id(),
                record.patient().value(),
                record.state().name(),
                Timestamp.from(record.dateTime()),
                record.recordedBy().map(OdsCode::value).orElse(null),
                Timestamp.from(clock.instant()),
                resourceJson);
        events.publishEvent(GovernanceChanged.forPatient(record.patient(), "Consent " + record.id()));
    }

    /** The Consent kept under this id ({@code <ODS>/<id>}: every participant's ids are its own), if any. */
    public Optional<StoredConsent> find(String id) {
        return jdbc
                .query(
                        "select id, resource_json from consent_record where id = ?",
                        (row, n) -> stored(row.getString("id"), row.getString("resource_json")),
                        id)
                .stream()
                .findFirst();
    }

    /** For conditional create: the ids of this participant's Consents that carry the identifier. */
    public java.util.List<String> idsWithIdentifier(OdsCode recordedBy, @Nullable String system, String value) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        jdbc.query(
                "select id, resource_json from consent_record where recorded_by = ? and resource_json like ?",
                (java.sql.ResultSet row) -> {
                    Consent consent = FhirParsing.fromTrustedJson(Consent.class, row.getString("resource_json"));
                    if (consent.getIdentifier().stream()
                            .anyMatch(identifier -> value.equals(identifier.getValue())
                                    && (system == null || system.equals(identifier.getSystem())))) {
                        ids.add(row.getString("id"));
                    }
                },
                recordedBy.value(),
                likeFilter(value));
        return ids;
    }

    /**
     * A LIKE pattern that narrows the rows to parse to those whose JSON contains the value as written; a value with a
     * character LIKE or JSON would treat specially narrows nothing, and the parsed identifiers decide alone.
     */
    private static String likeFilter(String value) {
        return value.chars().anyMatch(c -> c == '%' || c == '_' || c == '\\' || c == '"' || c < 0x20)
                ? "%"
                : "%" + value + "%";
    }

    /**
     * Keeps a checked Consent only if the one it replaces is still at {@code expectedVersion} (FHIR If-Match), checked
     * and written under the row's lock, so two updates from the same version cannot both win.
     *
     * @return empty when the version held is another one (the caller answers 412)
     */
    @Transactional
    public Optional<ConsentRecord> keepIfVersion(
            ConsentIntake intake, ConsentIntake.Checked checked, @Nullable String expectedVersion) {
        String held = jdbc
                .query(
                        "select resource_json from consent_record where id = ? for update",
                        (row, n) -> row.getString("resource_json"),
                        checked.record().id())
                .stream()
                .findFirst()
                .map(json -> stored(checked.record().id(), json).versionId())
                .orElse(null);
        if (expectedVersion != null && !expectedVersion.equals(held)) {
            return Optional.empty();
        }
        return Optional.of(intake.keep(checked));
    }

    private static StoredConsent stored(String id, String json) {
        Consent consent = FhirParsing.fromTrustedJson(Consent.class, json);
        String version = consent.getMeta().hasVersionId() ? consent.getMeta().getVersionId() : "1";
        return new StoredConsent(id, version, json);
    }

    @Override
    public Optional<ConsentRecord> current(NhsNumber patient) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, recorded_by, received_at, resource_json from consent_record
                where nhs_number = ? order by date_time desc, received_at desc limit 1""", patient.value());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        String key = row.get("id") + "@" + row.get("received_at");
        return Optional.of(parsed.computeIfAbsent(key, k -> {
            String json = (String) Objects.requireNonNull(row.get("resource_json"), "resource_json");
            String recordedBy = (String) Objects.requireNonNull(row.get("recorded_by"), "recorded_by");
            Consent consent = FhirParsing.fromTrustedJson(Consent.class, json);
            return reader.read(consent, "Consent", OdsCode.of(recordedBy), reference -> Optional.of(patient));
        }));
    }
}
