package org.vanguard.hub.console;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.audit.AdminAuditController;
import org.vanguard.hub.audit.AuditCheckpoints;
import org.vanguard.hub.audit.AuditQueries;
import org.vanguard.hub.audit.AuditRecordView;
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
    private final AdminAudit admin;

    ConsoleAuditController(AdminAuditController audit, AdminAudit admin) {
        this.audit = audit;
        this.admin = admin;
    }

    @GetMapping("/console/audit")
    String search(
            AuthenticatedOfficer person,
            @RequestParam Optional<String> nhsNumber,
            @RequestParam Optional<String> participant,
            @RequestParam Optional<String> purpose,
            @RequestParam Optional<String> outcome,
            @RequestParam Optional<String> from,
            @RequestParam Optional<String> to,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<AuditRecordView> decisions = decisions(person, nhsNumber, participant, purpose, outcome, from, to, errors);
        int pages = Math.max(1, (decisions.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute(
                "rows", decisions.subList((current - 1) * PAGE_SIZE, Math.min(decisions.size(), current * PAGE_SIZE)));
        model.addAttribute("total", decisions.size());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("errors", errors);
        model.addAttribute("nhsNumber", nhsNumber.orElse(""));
        model.addAttribute("participant", participant.orElse(""));
        model.addAttribute("purpose", purpose.orElse(""));
        model.addAttribute("outcome", outcome.filter(o -> !o.isBlank()).orElse(""));
        model.addAttribute("from", from.orElse(""));
        model.addAttribute("to", to.orElse(""));
        model.addAttribute("purposes", Purpose.values());
        List<AuditCheckpoints.Checkpoint> signed = audit.checkpoints(person);
        model.addAttribute("checkpoint", signed.isEmpty() ? null : signed.get(signed.size() - 1));
        return "console/audit";
    }

    /** The chain re-walked and every signed checkpoint checked, on request (it reads the whole audit). */
    @GetMapping("/console/audit/verify")
    String verify(
            AuthenticatedOfficer person,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("verdict", audit.verify(person));
        return htmx != null ? "console/audit-verify :: verdict" : "console/audit-verify";
    }

    /**
     * The search's decisions as CSV, for a spreadsheet: one row a decision with its agreement, rule and explanation.
     * A cell a spreadsheet would take for a formula ({@code = + - @}) is prefixed with a quote (OWASP CSV injection).
     * The export is itself recorded in the audit chain.
     */
    @GetMapping("/console/audit.csv")
    ResponseEntity<String> csv(
            AuthenticatedOfficer person,
            @RequestParam Optional<String> nhsNumber,
            @RequestParam Optional<String> participant,
            @RequestParam Optional<String> purpose,
            @RequestParam Optional<String> outcome,
            @RequestParam Optional<String> from,
            @RequestParam Optional<String> to)
            throws IOException {
        Map<String, String> errors = new LinkedHashMap<>();
        List<AuditRecordView> decisions = decisions(person, nhsNumber, participant, purpose, outcome, from, to, errors);
        if (!errors.isEmpty()) {
            return ResponseEntity.badRequest()
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(errors.entrySet().stream()
                                    .map(e -> e.getKey() + ": " + e.getValue())
                                    .collect(Collectors.joining("\n"))
                            + "\n");
        }
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(
                                "recorded_at",
                                "seq",
                                "message_id",
                                "nhs_number",
                                "sender",
                                "recipient",
                                "resource_type",
                                "purpose",
                                "outcome",
                                "agreement",
                                "rule",
                                "reasons",
                                "emergency_reason",
                                "explanation")
                        .build())) {
            for (AuditRecordView r : decisions) {
                printer.printRecord(java.util.stream.Stream.of(
                                String.valueOf(r.recordedAt()),
                                String.valueOf(r.seq()),
                                r.messageId(),
                                r.nhsNumber(),
                                r.sender(),
                                r.recipient(),
                                r.resourceType(),
                                r.purpose(),
                                r.outcome(),
                                r.agreement(),
                                r.rule(),
                                r.reasons() == null ? "" : String.join("; ", r.reasons()),
                                r.emergencyReason(),
                                r.explanation() == null ? "" : String.join(" ", r.explanation()))
                        .map(ConsoleAuditController::cell)
                        .toArray());
            }
        }
        admin.change(
                () -> decisions.size(),
                n -> admin.by(person.subject(), "audit.export", "exported " + n + " audit decisions as CSV"));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("audit.csv")
                                .build()
                                .toString())
                .body(out.toString());
    }

    private List<AuditRecordView> decisions(
            AuthenticatedOfficer person,
            Optional<String> nhsNumber,
            Optional<String> participant,
            Optional<String> purpose,
            Optional<String> outcome,
            Optional<String> from,
            Optional<String> to,
            Map<String, String> errors) {
        List<AuditRecordView> found = List.of();
        try {
            found = audit.search(
                    person,
                    Optional.empty(),
                    given(nhsNumber).map(v -> v.replace(" ", "")),
                    Optional.empty(),
                    Optional.empty(),
                    given(participant),
                    Optional.empty(),
                    given(purpose),
                    Optional.empty(),
                    given(from),
                    given(to),
                    String.valueOf(AuditQueries.MAX_LIMIT));
        } catch (FhirInputException e) {
            e.issues().forEach(issue -> errors.put(issue.location(), issue.text()));
        }
        String wanted = outcome.filter(o -> !o.isBlank()).orElse("");
        return found.stream()
                .filter(AuditRecordView::isDecision)
                .filter(r -> wanted.isEmpty() || wanted.equalsIgnoreCase(r.outcome()))
                .toList();
    }

    private static String cell(String value) {
        if (value == null || value.equals("null")) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static Optional<String> given(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
