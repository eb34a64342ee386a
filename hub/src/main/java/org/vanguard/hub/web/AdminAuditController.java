package org.vanguard.hub.web;

import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.audit.AuditQueries;
import org.vanguard.hub.audit.AuditRecordView;
import org.vanguard.hub.audit.AuditVerification;

/** Audit search for IG officers: every decision with its outcome, agreement clause, reasons and explanation. */
@RestController
@RequestMapping("/admin/audit")
public class AdminAuditController {

    private final AuditQueries audit;
    private final AuditVerification verification;

    public AdminAuditController(AuditQueries audit, AuditVerification verification) {
        this.audit = audit;
        this.verification = verification;
    }

    /** Re-walks the audit hash chain; any edited, removed or reordered record is named. */
    @GetMapping("/verify")
    public AuditVerification.Verdict verify(AuthenticatedOfficer officer) {
        return verification.verify();
    }

    @GetMapping
    public List<AuditRecordView> search(AuthenticatedOfficer officer,
            @RequestParam Optional<String> messageId,
            @RequestParam Optional<String> nhsNumber,
            @RequestParam Optional<String> sender,
            @RequestParam Optional<String> recipient,
            @RequestParam(defaultValue = "100") int limit) {
        return audit.search(messageId, nhsNumber, sender, recipient, limit);
    }
}
