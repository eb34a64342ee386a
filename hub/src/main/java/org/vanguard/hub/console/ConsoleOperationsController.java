package org.vanguard.hub.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.broker.QueueDepths;
import org.vanguard.hub.delivery.AdminReplayController;
import org.vanguard.hub.delivery.JdbcDeadLetters;
import org.vanguard.hub.delivery.ReplayService;
import org.vanguard.hub.pki.AdminCertificateController;
import org.vanguard.hub.pki.CertificateRecord;
import org.vanguard.hub.pki.RevocationReason;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.profiles.fhir.FhirInputException;

/**
 * The operator's pages: the hub's queues and mailbox depths, participants' certificates (issue one from a CSR, revoke
 * one after confirming, see what expires soon), and dead letters with why each died, replayed one at a time, as a
 * selection or by the time they died, with the replay's progress shown as it runs. Every action goes through the
 * admin API's own handler, so it is decided and audited as the API's is (a replay re-decides each delivery).
 */
@Controller
class ConsoleOperationsController {

    /** How far ahead a certificate's expiry is flagged. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final QueueDepths depths;
    private final JdbcDeadLetters deadLetters;
    private final ReplayService replays;
    private final AdminReplayController replay;
    private final AdminCertificateController certificates;
    private final ParticipantDirectory participants;
    private final java.time.Clock clock;

    ConsoleOperationsController(
            QueueDepths depths,
            JdbcDeadLetters deadLetters,
            ReplayService replays,
            AdminReplayController replay,
            AdminCertificateController certificates,
            ParticipantDirectory participants,
            java.time.Clock clock) {
        this.depths = depths;
        this.deadLetters = deadLetters;
        this.replays = replays;
        this.replay = replay;
        this.certificates = certificates;
        this.participants = participants;
        this.clock = clock;
    }

    @GetMapping("/console/operations")
    String overview(AuthenticatedOfficer person, Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("queues", depths.all());
        model.addAttribute(
                "dead",
                deadLetters.list(Optional.of(JdbcDeadLetters.Status.DEAD)).size());
        model.addAttribute(
                "expiring",
                certificates.list(person, EXPIRY_WARNING.toString(), null).stream()
                        .filter(c -> CertificateRecord.ACTIVE.equals(c.status()))
                        .count());
        return "console/operations";
    }

    // Certificates

    /** A certificate as listed, with whether it expires within {@link #EXPIRY_WARNING}. */
    record CertificateRow(CertificateRecord certificate, boolean expiresSoon, boolean expired) {}

    @GetMapping("/console/operations/certificates")
    String certificates(AuthenticatedOfficer person, @RequestParam Optional<String> ods, Model model) {
        return certificatePage(person, ods.filter(o -> !o.isBlank()), Map.of(), "", "", null, model);
    }

    @PostMapping("/console/operations/certificates")
    String issue(
            AuthenticatedOfficer person,
            @RequestParam(defaultValue = "") String ods,
            @RequestParam(defaultValue = "") String csr,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        String chain = null;
        if (ods.isBlank()) {
            errors.put("ods", "Choose the participant the certificate is for.");
        } else if (csr.isBlank()) {
            errors.put("csr", "Paste the participant's certificate signing request (PEM, BEGIN CERTIFICATE REQUEST).");
        } else {
            try {
                chain = certificates.issue(person, ods, csr).getBody();
            } catch (FhirInputException e) {
                e.issues().forEach(issue -> errors.put(issue.location().contains("csr") ? "csr" : "ods", issue.text()));
            }
        }
        return certificatePage(person, Optional.empty(), errors, ods, csr, chain, model);
    }

    @GetMapping("/console/operations/certificates/{serial}/revoke")
    String confirmRevoke(AuthenticatedOfficer person, @PathVariable String serial, Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("certificate", certificates.show(person, serial));
        model.addAttribute("reasons", RevocationReason.values());
        return "console/revoke";
    }

    @PostMapping("/console/operations/certificates/{serial}/revoke")
    String revoke(
            AuthenticatedOfficer person,
            @PathVariable String serial,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        CertificateRecord revoked = certificates.revoke(
                person, serial, new AdminCertificateController.RevocationRequest(reason.isBlank() ? null : reason));
        redirect.addFlashAttribute("notice", "Revoked certificate " + serial + " (" + revoked.subject() + ").");
        return "redirect:/console/operations/certificates";
    }

    private String certificatePage(
            AuthenticatedOfficer person,
            Optional<String> ods,
            Map<String, String> errors,
            String chosen,
            String csr,
            @Nullable String chain,
            Model model) {
        Instant now = clock.instant();
        List<CertificateRow> rows = certificates.list(person, null, ods.orElse(null)).stream()
                .sorted(Comparator.comparing(CertificateRecord::notAfter))
                .map(c -> new CertificateRow(
                        c,
                        CertificateRecord.ACTIVE.equals(c.status())
                                && c.notAfter().isBefore(now.plus(EXPIRY_WARNING)),
                        c.notAfter().isBefore(now)))
                .toList();
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("rows", rows);
        model.addAttribute("ods", ods.orElse(""));
        model.addAttribute(
                "participants",
                participants.all().stream()
                        .sorted(Comparator.comparing(Participant::name))
                        .toList());
        model.addAttribute("errors", errors);
        model.addAttribute("chosen", chosen);
        model.addAttribute("csr", csr);
        model.addAttribute("chain", chain);
        return "console/certificates";
    }

    // Dead letters and replay

    @GetMapping("/console/operations/dead-letters")
    String deadLetters(AuthenticatedOfficer person, @RequestParam(defaultValue = "dead") String status, Model model) {
        return deadLetterPage(person, status, Map.of(), "", "", model);
    }

    @PostMapping("/console/operations/replays")
    String startReplay(
            AuthenticatedOfficer person,
            @RequestParam(defaultValue = "selected") String scope,
            @RequestParam(name = "deliveryId", required = false) List<String> selected,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        if ("range".equals(scope)) {
            Optional<Instant> start = day(from, "from", errors);
            Optional<Instant> end = day(to, "to", errors);
            if (errors.isEmpty() && !end.get().isAfter(start.get())) {
                errors.put("to", "The end of the range must be after its start.");
            }
            if (errors.isEmpty()) {
                deadLetters.list(Optional.of(JdbcDeadLetters.Status.DEAD)).stream()
                        .filter(d ->
                                !d.deadAt().isBefore(start.get()) && d.deadAt().isBefore(end.get()))
                        .forEach(d -> ids.add(d.deliveryId()));
                if (ids.isEmpty()) {
                    errors.put("from", "No dead letter waiting for replay died in that range.");
                }
            }
        } else if (selected == null || selected.isEmpty()) {
            errors.put("selection", "Tick the dead letters to replay, or replay a range of days.");
        } else {
            ids.addAll(selected);
        }
        if (!errors.isEmpty()) {
            return deadLetterPage(person, "dead", errors, from, to, model);
        }
        try {
            ResponseEntity<ReplayService.Job> started =
                    replay.start(person, new AdminReplayController.ReplayRequest(ids));
            return "redirect:/console/operations/replays/"
                    + Objects.requireNonNull(started.getBody(), "started job").id();
        } catch (FhirInputException e) {
            e.issues().forEach(issue -> errors.put("selection", issue.text()));
            return deadLetterPage(person, "dead", errors, from, to, model);
        }
    }

    @GetMapping("/console/operations/replays/{id}")
    String replayProgress(
            AuthenticatedOfficer person,
            @PathVariable String id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("job", replay.progress(person, id));
        return htmx != null ? "console/replay :: progress" : "console/replay";
    }

    private String deadLetterPage(
            AuthenticatedOfficer person,
            String status,
            Map<String, String> errors,
            String from,
            String to,
            Model model) {
        String shown = "replayed".equals(status) ? "replayed" : "dead";
        List<JdbcDeadLetters.Listed> listed = deadLetters
                .list(Optional.of(
                        "replayed".equals(shown) ? JdbcDeadLetters.Status.REPLAYED : JdbcDeadLetters.Status.DEAD))
                .stream()
                .sorted(Comparator.comparing(JdbcDeadLetters.Listed::deadAt).reversed())
                .toList();
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("status", shown);
        model.addAttribute("rows", listed);
        model.addAttribute("errors", errors);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "console/dead-letters";
    }

    private static Optional<Instant> day(String value, String field, Map<String, String> errors) {
        if (value.isBlank()) {
            errors.put(field, "Give the " + ("from".equals(field) ? "first" : "last") + " day of the range.");
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            return Optional.of(("to".equals(field) ? date.plusDays(1) : date)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant());
        } catch (DateTimeParseException e) {
            errors.put(field, "'" + value + "' is not a date such as 2026-05-01.");
            return Optional.empty();
        }
    }
}
