package org.vanguard.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Finds audit records (decisions, admin changes, receipts) by message, patient, participant, agreement, purpose, kind
 * and time, newest first.
 */
@Repository
public class AuditQueries {

    /** The most records one search returns. */
    public static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;

    public AuditQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<AuditRecordView> search(AuditSearch search) {
        StringBuilder sql = new StringBuilder("select * from audit_decision where 1 = 1");
        List<Object> args = new ArrayList<>();
        search.messageId().ifPresent(v -> {
            sql.append(" and message_id = ?");
            args.add(v);
        });
        search.nhsNumber().ifPresent(v -> {
            sql.append(" and nhs_number = ?");
            args.add(v);
        });
        search.sender().ifPresent(v -> {
            sql.append(" and sender_ods = ?");
            args.add(v);
        });
        search.recipient().ifPresent(v -> {
            sql.append(" and recipient_ods = ?");
            args.add(v);
        });
        search.participant().ifPresent(v -> {
            sql.append(" and (sender_ods = ? or recipient_ods = ?)");
            args.add(v);
            args.add(v);
        });
        search.agreement().ifPresent(v -> {
            sql.append(" and (agreement_ref = ? or agreement_ref like ?)");
            args.add(v);
            args.add(v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %");
        });
        search.purpose().ifPresent(v -> {
            sql.append(" and purpose = ?");
            args.add(v);
        });
        search.kind().ifPresent(v -> {
            sql.append(" and event_kind = ?");
            args.add(v);
        });
        search.from().ifPresent(v -> {
            sql.append(" and recorded_at >= ?");
            args.add(Timestamp.from(v));
        });
        search.to().ifPresent(v -> {
            sql.append(" and recorded_at < ?");
            args.add(Timestamp.from(v));
        });
        sql.append(" order by id desc");
        sql.append(" limit ").append(Math.max(1, Math.min(search.limit(), MAX_LIMIT)));
        return jdbc.query(sql.toString(), (rs, n) -> view(rs), args.toArray());
    }

    private static AuditRecordView view(ResultSet rs) throws SQLException {
        String reasons = rs.getString("reason_codes");
        String explanation = rs.getString("explanation");
        String kind = rs.getString("event_kind");
        return new AuditRecordView(
                rs.getLong("id"),
                rs.getLong("seq"),
                rs.getTimestamp("recorded_at").toInstant(),
                kind == null ? AuditRow.DISPATCH : kind,
                rs.getString("message_id"),
                rs.getString("sender_ods"),
                rs.getString("recipient_ods"),
                rs.getString("purpose"),
                rs.getString("nhs_number"),
                rs.getString("resource_type"),
                rs.getString("outcome"),
                reasons == null || reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")),
                rs.getString("agreement_ref"),
                rs.getString("rule_name"),
                rs.getString("emergency_reason"),
                rs.getString("actor"),
                rs.getString("action_name"),
                explanation == null || explanation.isEmpty() ? List.of() : Arrays.asList(explanation.split("\n")),
                rs.getString("delivery_id"));
    }
}
