package org.vanguard.hub.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;

/**
 * {@code GET /admin/patients/{nhsNumber}/disclosures}: who was sent which of a patient's records, when, for what
 * purpose and under which agreement, from the audit, to answer a subject access request.
 */
@RestController
class AdminPatientController {

    private final DisclosureReport disclosures;

    public AdminPatientController(DisclosureReport disclosures) {
        this.disclosures = disclosures;
    }

    @GetMapping("/admin/patients/{nhsNumber}/disclosures")
    public List<DisclosureReport.Disclosure> disclosures(AuthenticatedOfficer officer, @PathVariable String nhsNumber) {
        return disclosures.of(
                AdminRequests.field("nhsNumber", nhsNumber, NhsNumber::of).value());
    }
}
