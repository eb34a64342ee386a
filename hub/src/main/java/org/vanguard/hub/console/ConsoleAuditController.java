package org.vanguard.hub.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.audit.AuditQueries;
import org.vanguard.hub.audit.AuditRecordView;
import org.vanguard.hub.web.AdminAuditController;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.profiles.fhir.FhirInputException;

/**
 * The audit for IG officers: decisions searched by patient, participant, purpose, outcome and dates, newest first,
 * a page at a time; each row opens the decision's explanation (agreement clause, consent, rule) as sentences. The
 * search is the admin API's own, so both read the same records the same way; the outcome is filtered here over the
 * newest {@value AuditQueries#MAX_LIMIT} matches.
 */
@Controller
class ConsoleAuditController {

    static final int PAGE_SIZE = 20;

    private final AdminAuditController audit;

    ConsoleAuditController(AdminAuditController audit) {
        this.audit = audit;
    }

    @GetMapping("/console/audit")
    String search(AuthenticatedOfficer person, @RequestParam Optional<String> nhsNumber,
            @RequestParam Optional<String> participant, @RequestParam Optional<String> purpose,
            @RequestParam Optional<String> outcome, @RequestParam Optional<String> from, @RequestParam Optional<String> to,
            @RequestParam(defaultValue = "1") int page, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<AuditRecordView> found = List.of();
        try {
            found = audit.search(person, Optional.empty(), given(nhsNumber).map(v -> v.replace(" ", "")), Optional.empty(),
                    Optional.empty(), given(participant), Optional.empty(), given(purpose), Optional.empty(), given(from),
                    given(to), String.valueOf(AuditQueries.MAX_LIMIT));
        } catch (FhirInputException e) {
            e.issues().forEach(issue -> errors.put(issue.location(), issue.text()));
        }
        String wanted = outcome.filter(o -> !o.isBlank()).orElse("");
        List<AuditRecordView> decisions = found.stream().filter(AuditRecordView::isDecision)
                .filter(r -> wanted.isEmpty() || wanted.equalsIgnoreCase(r.outcome())).toList();
        int pages = Math.max(1, (decisions.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("rows", decisions.subList((current - 1) * PAGE_SIZE, Math.min(decisions.size(), current * PAGE_SIZE)));
        model.addAttribute("total", decisions.size());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("errors", errors);
        model.addAttribute("nhsNumber", nhsNumber.orElse(""));
        model.addAttribute("participant", participant.orElse(""));
        model.addAttribute("purpose", purpose.orElse(""));
        model.addAttribute("outcome", wanted);
        model.addAttribute("from", from.orElse(""));
        model.addAttribute("to", to.orElse(""));
        model.addAttribute("purposes", Purpose.values());
        return "console/audit";
    }

    private static Optional<String> given(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
