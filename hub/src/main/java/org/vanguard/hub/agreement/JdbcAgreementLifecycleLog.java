package org.vanguard.hub.agreement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.vanguard.governance.agreement.AgreementLifecycleLog;
import org.vanguard.governance.agreement.LifecycleAction;
import org.vanguard.governance.agreement.LifecycleEvent;
import org.vanguard.governance.participant.OdsCode;

/** The agreements' change log on the database, one row per event, never updated or deleted. */
@Repository
public class JdbcAgreementLifecycleLog implements AgreementLifecycleLog {

    private static final String COLUMNS =
            "agreement_id, version, action, party_ods, officer, recorded_at, detail, fingerprint";

    private final JdbcTemplate jdbc;

    public JdbcAgreementLifecycleLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(LifecycleEvent event) {
        jdbc.update(
                "insert into agreement_event (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)",
                event.agreementId(),
                event.version(),
                event.action().name(),
                event.party().map(OdsCode::value).orElse(null),
                event.officer(),
                Timestamp.from(event.at()),
                event.detail(),
                event.fingerprint().orElse(null));
    }

    @Override
    public List<LifecycleEvent> eventsOf(String agreementId) {
        return jdbc.query(
                "select " + COLUMNS + " from agreement_event where agreement_id = ? order by id",
                (rs, n) -> event(rs),
                agreementId);
    }

    @Override
    public List<LifecycleEvent> all() {
        return jdbc.query("select " + COLUMNS + " from agreement_event order by id", (rs, n) -> event(rs));
    }

    private static LifecycleEvent event(ResultSet rs) throws SQLException {
        return new LifecycleEvent(
                rs.getString("agreement_id"),
                rs.getInt("version"),
                LifecycleAction.valueOf(rs.getString("action")),
                Optional.ofNullable(rs.getString("party_ods")).map(OdsCode::of),
                rs.getString("officer"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("detail"),
                Optional.ofNullable(rs.getString("fingerprint")));
    }
}
