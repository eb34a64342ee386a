package org.vanguard.hub.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.yaml.GovernanceFileException;
import org.vanguard.hub.governance.FileAgreementStore;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * Agreements for IG officers: read what is in force and reload the reviewed files. A reload is all or
 * nothing: one bad file is refused with file, line and reason, and the running set stays as it was.
 */
@RestController
@RequestMapping("/admin/agreements")
public class AdminAgreementController {

    private static final Logger log = LoggerFactory.getLogger(AdminAgreementController.class);

    private final FileAgreementStore agreements;

    public AdminAgreementController(FileAgreementStore agreements) {
        this.agreements = agreements;
    }

    @GetMapping
    public List<Agreement> list(AuthenticatedOfficer officer) {
        return agreements.current().all();
    }

    @GetMapping("/{id}")
    public Agreement get(AuthenticatedOfficer officer, @PathVariable String id) {
        return agreements.current().find(id).orElseThrow(() -> new NotFoundException("no agreement " + id));
    }

    @PostMapping("/reload")
    public Map<String, Object> reload(AuthenticatedOfficer officer) {
        AgreementCatalogue catalogue;
        try {
            catalogue = agreements.reload();
        } catch (GovernanceFileException e) {
            log.info("{} tried to reload agreements; refused: {}", officer.subject(), e.getMessage());
            throw new FhirInputException(Rejection.INVALID,
                    InputIssue.invalid(e.file() + ":" + e.line(), e.reason() + " (the agreements in force are unchanged)"));
        }
        log.info("{} reloaded {} agreements", officer.subject(), catalogue.all().size());
        return Map.of("agreements", catalogue.all().stream().map(a -> a.id() + " v" + a.version() + " " + a.status().label()).toList());
    }
}
