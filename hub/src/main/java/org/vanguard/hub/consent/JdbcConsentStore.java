package org.vanguard.hub.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Consent;
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

    @Override
    @Transactional
    public void save(ConsentRecord record, String resourceJson) {
        jdbc.update("delete from consent_record where id = ?", record.id());
        jdbc.update("""
                insert into consent_record (id, nhs_number, state, date_time, recorded_by, received_at, resource_json)
                values (?, ?, ?, ?, ?, ?, ?)""",
                record.id(), record.patient().value(), record.state().name(), Timestamp.from(record.dateTime()),
                record.recordedBy().map(OdsCode::value).orElse(null), Timestamp.from(clock.instant()), resourceJson);
        events.publishEvent(GovernanceChanged.forPatient(record.patient(), "Consent " + record.id()));
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
            Consent consent = FhirParsing.fromTrustedJson(Consent.class, (String) row.get("resource_json"));
            return reader.read(consent, "Consent", OdsCode.of((String) row.get("recorded_by")));
        }));
    }
}
