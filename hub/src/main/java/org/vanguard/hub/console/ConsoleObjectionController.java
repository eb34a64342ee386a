package org.vanguard.hub.console;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionType;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.consent.JdbcObjectionStore;
import org.vanguard.hub.consent.ObjectionFile;
import org.vanguard.hub.web.AuthenticatedOfficer;

/**
 * Objections for IG officers: look up a patient's standing objections, and import an objection file (the National
 * Data Opt-out list, which replaces the whole list, or a Type 1 extract, which adds to it) with a progress bar while
 * it uploads and a summary after: how many lines were accepted, and each refused line with its reason. A file with
 * any refused line is imported not at all (the officer fixes it and uploads it again); a clean file is imported in
 * one transaction with its audit record, so nothing is ever half-imported.
 */
@Controller
class ConsoleObjectionController {

    private static final Logger log = LoggerFactory.getLogger(ConsoleObjectionController.class);

    private final JdbcObjectionStore objections;
    private final AdminAudit audit;
    private final Clock clock;

    ConsoleObjectionController(JdbcObjectionStore objections, AdminAudit audit, Clock clock) {
        this.objections = objections;
        this.audit = audit;
        this.clock = clock;
    }

    /** The summary shown after an upload. */
    record Summary(String file, String kind, int accepted, List<ObjectionFile.RefusedLine> refused, boolean imported) {}

    @GetMapping("/console/objections")
    String page(AuthenticatedOfficer person, @RequestParam Optional<String> nhsNumber, Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("nhsNumber", nhsNumber.orElse(""));
        nhsNumber.map(n -> n.replace(" ", "")).filter(n -> !n.isEmpty()).ifPresent(n -> {
            try {
                List<Objection> held = objections.objectionsOf(NhsNumber.of(n));
                model.addAttribute("held", held);
            } catch (IllegalArgumentException e) {
                model.addAttribute("lookupError", e.getMessage());
            }
        });
        return "console/objections";
    }

    @PostMapping("/console/objections/import")
    String upload(
            AuthenticatedOfficer person,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(required = false) MultipartFile file,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model)
            throws IOException {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("nhsNumber", "");
        if (!"ndoo".equals(kind) && !"type-1".equals(kind)) {
            model.addAttribute(
                    "uploadError",
                    "Choose which list the file is: the National Data Opt-out list or a Type 1 extract.");
        } else if (file == null || file.isEmpty()) {
            model.addAttribute("uploadError", "Choose a file to upload: one NHS number a line, as text.");
        } else {
            model.addAttribute("summary", importFile(person, kind, file));
        }
        return htmx != null ? "console/objections :: result" : "console/objections";
    }

    private Summary importFile(AuthenticatedOfficer person, String kind, MultipartFile file) throws IOException {
        String name = Optional.ofNullable(file.getOriginalFilename()).orElse("the file");
        ObjectionFile.Read read = ObjectionFile.read(file.getBytes());
        String label = "ndoo".equals(kind) ? "National Data Opt-out list" : "Type 1 objections";
        if (!read.clean()) {
            log.info(
                    "{} uploaded {} as {}: {} lines refused, nothing imported",
                    person.subject(),
                    name,
                    label,
                    read.refused().size());
            return new Summary(name, label, read.patients().size(), read.refused(), false);
        }
        String source = label + " imported by " + person.subject() + " from " + name;
        int count = audit.change(
                () -> "ndoo".equals(kind)
                        ? objections.replaceNationalDataOptOuts(read.patients(), clock.instant(), source)
                        : objections.recordAll(read.patients(), ObjectionType.TYPE_1, clock.instant(), source),
                n -> audit.by(
                        person.subject(),
                        "objection.import",
                        "imported the " + label + " from " + name + ": " + n + " patients"));
        log.info("{} imported {} from {}: {} patients", person.subject(), label, name, count);
        return new Summary(name, label, count, List.of(), true);
    }
}
