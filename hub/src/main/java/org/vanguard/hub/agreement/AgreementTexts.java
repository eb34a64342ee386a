package org.vanguard.hub.agreement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The text of each agreement revision the hub has loaded, by fingerprint, kept in the database: the files move on,
 * but what each version said, and so what changed between two versions, stays answerable.
 */
class AgreementTexts {

    private final JdbcTemplate jdbc;

    public AgreementTexts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the text under its fingerprint, once. */
    public void keep(String agreementId, String fingerprint, String text, Instant at) {
        Integer held = jdbc.queryForObject(
                "select count(*) from agreement_text where fingerprint = ?", Integer.class, fingerprint);
        if (held == null || held == 0) {
            jdbc.update(
                    "insert into agreement_text (fingerprint, agreement_id, file_text, loaded_at) values (?, ?, ?, ?)",
                    fingerprint,
                    agreementId,
                    text,
                    Timestamp.from(at));
        }
    }

    public Optional<String> text(String fingerprint) {
        return jdbc
                .queryForList("select file_text from agreement_text where fingerprint = ?", String.class, fingerprint)
                .stream()
                .findFirst();
    }
}
