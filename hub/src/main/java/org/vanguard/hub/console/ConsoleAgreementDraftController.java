package org.vanguard.hub.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementFileReader;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.agreement.AgreementTemplate;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.yaml.GovernanceFileException;
import org.vanguard.hub.agreement.AdminAgreementController;
import org.vanguard.hub.agreement.AgreementTemplates;
import org.vanguard.hub.agreement.FileAgreementStore;
import org.vanguard.hub.governance.GovernanceProperties;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.profiles.fhir.FhirInputException;

/**
 * Drafting agreements on the console: start from one of the shipped templates (choose the participant for each
 * party placeholder, then tailor the YAML), or upload a YAML file; either way the text is read by the same reader
 * and schema as the hub's agreement files, each problem named with its line, and only a valid draft is written (to
 * {@code hub.governance.drafts}) and loaded, by the admin API's own audited reload. A new agreement is always a
 * draft: it takes effect once every party has approved it. Any agreement's YAML can be downloaded as it was loaded.
 */
@Controller
class ConsoleAgreementDraftController {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAgreementDraftController.class);
    private static final String PLACEHOLDER_FIELD = "party-";

    private final AgreementTemplates templates;
    private final FileAgreementStore agreements;
    private final AdminAgreementController admin;
    private final ParticipantDirectory participants;
    private final GovernanceProperties properties;

    ConsoleAgreementDraftController(
            AgreementTemplates templates,
            FileAgreementStore agreements,
            AdminAgreementController admin,
            ParticipantDirectory participants,
            GovernanceProperties properties) {
        this.templates = templates;
        this.agreements = agreements;
        this.admin = admin;
        this.participants = participants;
        this.properties = properties;
    }

    @GetMapping("/console/agreements/new")
    String start(AuthenticatedOfficer person, @RequestParam Optional<String> template, Model model) {
        Optional<AgreementTemplate> chosen = template.filter(t -> !t.isBlank())
                .map(name -> templates
                        .find(name)
                        .orElseThrow(() -> new ConsoleErrors.NotFound("There is no agreement template " + name + ".")));
        return page(person, chosen, chosen.map(AgreementTemplate::text).orElse(""), Map.of(), Map.of(), model);
    }

    @PostMapping("/console/agreements/new")
    String draft(
            AuthenticatedOfficer person,
            @RequestParam(defaultValue = "") String template,
            @RequestParam(defaultValue = "") String yaml,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        Optional<AgreementTemplate> chosen = templates.find(template);
        Map<String, String> parties = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String text = yaml;
        for (String placeholder : chosen.map(AgreementTemplate::placeholders).orElse(java.util.Set.of())) {
            String ods = form.getOrDefault(PLACEHOLDER_FIELD + placeholder, "").strip();
            parties.put(placeholder, ods);
            if (!ods.isEmpty()) {
                text = text.replaceAll("\\b" + java.util.regex.Pattern.quote(placeholder) + "\\b", ods);
            } else if (text.contains(placeholder)) {
                errors.put(PLACEHOLDER_FIELD + placeholder, "Choose the participant for " + placeholder + ".");
            }
        }
        if (errors.isEmpty()) {
            Optional<String> saved = save(person, "drafted from template " + template, text, errors);
            if (saved.isPresent()) {
                redirect.addFlashAttribute(
                        "done", "Drafted " + saved.get() + ". Each party's IG officer approves it here.");
                return "redirect:/console/agreements/" + saved.get();
            }
        }
        return page(person, chosen, text, parties, errors, model);
    }

    @PostMapping("/console/agreements/upload")
    String upload(
            AuthenticatedOfficer person,
            @RequestParam(required = false) MultipartFile file,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        Map<String, String> errors = new LinkedHashMap<>();
        String text = "";
        if (file == null || file.isEmpty()) {
            errors.put("file", "Choose an agreement YAML file to upload.");
        } else {
            text = new String(file.getBytes(), StandardCharsets.UTF_8);
            Optional<String> saved = save(person, "uploaded as " + file.getOriginalFilename(), text, errors);
            if (saved.isPresent()) {
                redirect.addFlashAttribute(
                        "done", "Uploaded " + saved.get() + " as a draft. Each party's IG officer approves it here.");
                return "redirect:/console/agreements/" + saved.get();
            }
            errors.put("file", errors.remove("yaml"));
        }
        return page(person, Optional.empty(), text, Map.of(), errors, model);
    }

    @GetMapping("/console/agreements/{id}/yaml")
    ResponseEntity<String> download(AuthenticatedOfficer person, @PathVariable String id) {
        Map.Entry<String, String> file = agreements
                .fileOf(id)
                .orElseThrow(() -> new ConsoleErrors.NotFound("There is no agreement " + id + "."));
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.getKey())
                                .build()
                                .toString())
                .body(file.getValue());
    }

    /** Reads the text as the hub reads agreement files, then writes and loads it; the id when it was saved. */
    private Optional<String> save(AuthenticatedOfficer person, String how, String text, Map<String, String> errors) {
        if (properties.drafts() == null || properties.drafts().isBlank()) {
            errors.put(
                    "yaml",
                    "This hub takes agreements only from its reviewed files (hub.governance.drafts is not set).");
            return Optional.empty();
        }
        Agreement agreement;
        try {
            agreement = new AgreementFileReader(participants).read("the draft", text);
        } catch (GovernanceFileException e) {
            errors.put("yaml", (e.line() > 0 ? "Line " + e.line() + ": " : "") + e.reason());
            return Optional.empty();
        }
        if (agreement.status() != AgreementStatus.DRAFT) {
            errors.put(
                    "yaml",
                    "A new agreement starts as a draft (status: draft); it becomes active when every party has approved it.");
            return Optional.empty();
        }
        if (agreements.lifecycleOf(agreement.id()).isPresent()) {
            errors.put("yaml", "An agreement " + agreement.id() + " already exists; give the new one its own id.");
            return Optional.empty();
        }
        Path drafts = Path.of(properties.drafts()).toAbsolutePath().normalize();
        Path file = drafts.resolve(agreement.id().toLowerCase(Locale.ROOT) + ".yaml")
                .normalize();
        if (!drafts.equals(file.getParent())) {
            errors.put("yaml", "The agreement id '" + agreement.id() + "' cannot name a file.");
            return Optional.empty();
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            admin.reload(person);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        } catch (FhirInputException e) {
            deleteQuietly(file);
            errors.put(
                    "yaml",
                    e.issues().isEmpty() ? e.getMessage() : e.issues().get(0).text());
            return Optional.empty();
        }
        log.info("{} {} agreement {} ({})", person.subject(), how, agreement.id(), file);
        return Optional.of(agreement.id());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove the refused draft {}: {}", file, e.getMessage());
        }
    }

    private String page(
            AuthenticatedOfficer person,
            Optional<AgreementTemplate> template,
            String text,
            Map<String, String> parties,
            Map<String, String> errors,
            Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("templates", templates.all());
        model.addAttribute("template", template.orElse(null));
        model.addAttribute(
                "placeholders", template.map(t -> List.copyOf(t.placeholders())).orElse(List.of()));
        model.addAttribute("parties", parties);
        model.addAttribute(
                "participants",
                participants.all().stream()
                        .sorted(Comparator.comparing(Participant::name))
                        .toList());
        model.addAttribute("yaml", text);
        model.addAttribute("errors", errors);
        return "console/agreement-new";
    }
}
