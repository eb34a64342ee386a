package org.vanguard.hub.agreement;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Which agreements are loaded, and which text of each, as each reload left them (table {@code agreement_catalogue}):
 * with the change log and the kept texts ({@link AgreementTexts}), what any node needs to build the catalogue in force
 * without reading files of its own.
 */
final class AgreementCatalogueLog {

    /** One agreement of a loaded set: its id, the fingerprint of its text and the file it was read from. */
    record Entry(String agreementId, String fingerprint, String file) {}

    /** A loaded set, by the row that recorded it. */
    record Loaded(long id, List<Entry> entries) {}

    private final JdbcTemplate jdbc;

    AgreementCatalogueLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The set the last reload left in force; empty before the first. */
    Optional<Loaded> latest() {
        return jdbc
                .query(
                        "select id, entries from agreement_catalogue order by id desc fetch first 1 rows only",
                        (row, n) -> new Loaded(row.getLong(1), parse(row.getString(2))))
                .stream()
                .findFirst();
    }

    /** Records {@code entries} as the set in force, unless it is the set in force already; the row in force after. */
    Loaded record(List<Entry> entries, String officer, Instant at) {
        Optional<Loaded> latest = latest();
        if (latest.isPresent() && latest.get().entries().equals(entries)) {
            return latest.get();
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into agreement_catalogue (loaded_at, loaded_by, entries) values (?, ?, ?)",
                            new String[] {"id"});
                    insert.setTimestamp(1, Timestamp.from(at));
                    insert.setString(2, officer);
                    insert.setString(3, format(entries));
                    return insert;
                },
                key);
        // This row, not whichever is latest: another node reloading at the same moment has a row of its own.
        return new Loaded(Objects.requireNonNull(key.getKey(), "generated id").longValue(), List.copyOf(entries));
    }

    private static String format(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry.agreementId())
                    .append('\t')
                    .append(entry.fingerprint())
                    .append('\t')
                    .append(entry.file())
                    .append('\n');
        }
        return text.toString();
    }

    private static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split("\t", 3);
                entries.add(new Entry(fields[0], fields[1], fields[2]));
            }
        }
        return entries;
    }
}
