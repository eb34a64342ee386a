package org.vanguard.hub.audit;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.vanguard.governance.audit.AuditChain;

/** Re-walks the stored audit chain and names every record that was edited, removed or reordered. */
@Service
public class AuditVerification {

    private final JdbcTemplate jdbc;

    public AuditVerification(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The verdict on the whole chain. */
    public record Verdict(boolean intact, int records, long headSeq, List<AuditChain.Break> breaks) {
    }

    public Verdict verify() {
        Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        List<AuditChain.Link> links = jdbc.query("""
                select id, recorded_at, message_id, sender_ods, recipient_ods, purpose, nhs_number, resource_type, outcome,
                    reason_codes, agreement_ref, rule_name, explanation, seq, prev_hash, row_hash
                from audit_decision where seq is not null order by seq, id""",
                (rs, n) -> new AuditChain.Link(rs.getLong("seq"), rs.getLong("id"),
                        JdbcAuditLog.canonical(rs.getTimestamp("recorded_at").toInstant(), new Object[] {
                            null, rs.getString("message_id"), rs.getString("sender_ods"), rs.getString("recipient_ods"),
                            rs.getString("purpose"), rs.getString("nhs_number"), rs.getString("resource_type"),
                            rs.getString("outcome"), rs.getString("reason_codes"), rs.getString("agreement_ref"),
                            rs.getString("rule_name"), rs.getString("explanation")}),
                        rs.getString("prev_hash"), rs.getString("row_hash")));
        long headSeq = ((Number) head.get("last_seq")).longValue();
        List<AuditChain.Break> breaks = AuditChain.verify(links, headSeq, (String) head.get("last_hash"));
        return new Verdict(breaks.isEmpty(), links.size(), headSeq, breaks);
    }
}
