package org.vanguard.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Finds audited decisions by message, patient, sender or recipient, newest first. */
@Repository
public class AuditQueries {

    private final JdbcTemplate jdbc;

    public AuditQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<AuditRecordView> search(Optional<String> messageId, Optional<String> nhsNumber,
            Optional<String> sender, Optional<String> recipient, int limit) {
        StringBuilder sql = new StringBuilder("select * from audit_decision where 1 = 1");
        List<Object> args = new ArrayList<>();
        messageId.ifPresent(v -> { sql.append(" and message_id = ?"); args.add(v); });
        nhsNumber.ifPresent(v -> { sql.append(" and nhs_number = ?"); args.add(v); });
        sender.ifPresent(v -> { sql.append(" and sender_ods = ?"); args.add(v); });
        recipient.ifPresent(v -> { sql.append(" and recipient_ods = ?"); args.add(v); });
        sql.append(" order by id desc");
        sql.append(" limit ").append(Math.max(1, Math.min(limit, 1000)));
        return jdbc.query(sql.toString(), (rs, n) -> view(rs), args.toArray());
    }

    private static AuditRecordView view(ResultSet rs) throws SQLException {
        String reasons = rs.getString("reason_codes");
        return new AuditRecordView(
                rs.getLong("id"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("message_id"),
                rs.getString("sender_ods"),
                rs.getString("recipient_ods"),
                rs.getString("purpose"),
                rs.getString("nhs_number"),
                rs.getString("resource_type"),
                rs.getString("outcome"),
                reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")),
                rs.getString("agreement_ref"),
                rs.getString("rule_name"),
                Arrays.asList(rs.getString("explanation").split("\n")));
    }
}
