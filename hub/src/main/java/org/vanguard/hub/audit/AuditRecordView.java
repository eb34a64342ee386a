package org.vanguard.hub.audit;

import java.time.Instant;
import java.util.List;

/** One audited decision as the admin API shows it to an IG officer. */
public record AuditRecordView(
        long id,
        Instant recordedAt,
        String messageId,
        String sender,
        String recipient,
        String purpose,
        String nhsNumber,
        String resourceType,
        String outcome,
        List<String> reasons,
        String agreement,
        String rule,
        List<String> explanation) {
}
