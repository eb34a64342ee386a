package org.vanguard.hub.console.mdt;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.console.ConsolePerson;
import org.vanguard.hub.web.AuthenticatedOfficer;

/**
 * An MDT member's pages: the caseload ({@code /console/mdt}) and one patient's shared record
 * ({@code /console/mdt/patients/{nhs}}), break-glass on a withheld record, and marking a patient's records read. Each
 * page view is a decided, audited direct-care query by the person ({@link MdtRecordViews}).
 */
@Controller
class MdtConsoleController {

    /** The coded reasons a clinician may give for break-glass, and what each means. */
    static final Map<String, String> BREAK_GLASS_REASONS = new LinkedHashMap<>();

    static {
        BREAK_GLASS_REASONS.put("clinical-emergency", "Clinical emergency: the patient needs care now");
        BREAK_GLASS_REASONS.put("unable-to-consent", "The patient cannot be asked (unconscious, lacks capacity)");
        BREAK_GLASS_REASONS.put("safeguarding", "Safeguarding concern for the patient or others");
    }

    private static final int MIN_REASON = 10;
    private static final int MAX_REASON = 500;

    private final MdtRecordViews views;
    private final Clock clock;

    MdtConsoleController(MdtRecordViews views, Clock clock) {
        this.views = views;
        this.clock = clock;
    }

    /** One caseload row. */
    record CaseloadRow(
            String nhsNumber,
            String nhsSpaced,
            String name,
            String birthDate,
            String carePlan,
            String carePlanStatus,
            @Nullable Instant received,
            boolean unread,
            String outcome,
            Instant since) {}

    @GetMapping({"/console/mdt", "/console/mdt/"})
    String caseload(AuthenticatedOfficer person, Model model, HttpServletResponse response) {
        model.addAttribute("person", ConsolePerson.of(person));
        Optional<OdsCode> team = person.mdt();
        if (team.isEmpty()) {
            return noTeam(model, response);
        }
        List<CaseloadRow> rows = new ArrayList<>();
        for (Map.Entry<NhsNumber, Instant> entry : views.caseload(team.get()).entrySet()) {
            NhsNumber nhs = entry.getKey();
            MdtRecordViews.View view = views.open(person.subject(), team.get(), nhs, "caseload", Optional.empty());
            Optional<ClinicalSummary.PatientCard> card = view.patientRecord().map(ClinicalSummary::patient);
            Optional<ClinicalSummary.CarePlanCard> plan =
                    view.carePlans().stream().findFirst().map(s -> ClinicalSummary.carePlan((CarePlan) s.released()));
            Instant newest = view.newest().orElse(null);
            boolean unread = newest != null
                    && views.readUpTo(person.subject(), nhs)
                            .map(newest::isAfter)
                            .orElse(true);
            rows.add(new CaseloadRow(
                    nhs.value(),
                    ClinicalSummary.spaced(nhs.value()),
                    card.map(ClinicalSummary.PatientCard::name).orElse(outcomeWords(view.outcome())),
                    card.map(ClinicalSummary.PatientCard::birthDate).orElse(""),
                    plan.map(ClinicalSummary.CarePlanCard::title).orElse(""),
                    plan.map(ClinicalSummary.CarePlanCard::status).orElse(""),
                    newest,
                    unread,
                    view.outcome().name(),
                    entry.getValue()));
        }
        rows.sort(Comparator.comparing(CaseloadRow::received, Comparator.nullsLast(Comparator.reverseOrder())));
        model.addAttribute("team", team.get().value());
        model.addAttribute("rows", rows);
        model.addAttribute("unread", rows.stream().filter(CaseloadRow::unread).count());
        return "console/mdt/caseload";
    }

    @GetMapping("/console/mdt/patients/{nhs}")
    String patient(
            @PathVariable String nhs,
            @RequestParam(name = "read", required = false) String read,
            AuthenticatedOfficer person,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("person", ConsolePerson.of(person));
        Optional<OdsCode> team = person.mdt();
        if (team.isEmpty()) {
            return noTeam(model, response);
        }
        NhsNumber patient = nhsNumber(nhs);
        MdtRecordViews.View view = views.open(person.subject(), team.get(), patient, "patient", Optional.empty());
        model.addAttribute("markedRead", read != null);
        return render(view, person, team.get(), model, Map.of(), "", "");
    }

    /** The caseload page's "another patient" form. */
    @GetMapping("/console/mdt/open")
    String openAnother(@RequestParam(name = "nhs", required = false) String nhs) {
        return "redirect:/console/mdt/patients/" + nhsNumber(nhs).value();
    }

    @PostMapping("/console/mdt/patients/{nhs}/break-glass")
    String breakGlass(
            @PathVariable String nhs,
            @RequestParam(name = "reasonCode", required = false) String reasonCode,
            @RequestParam(name = "reason", required = false) String reason,
            AuthenticatedOfficer person,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("person", ConsolePerson.of(person));
        Optional<OdsCode> team = person.mdt();
        if (team.isEmpty()) {
            return noTeam(model, response);
        }
        NhsNumber patient = nhsNumber(nhs);
        Map<String, String> errors = new LinkedHashMap<>();
        String code = reasonCode == null ? "" : reasonCode.strip();
        String text = reason == null ? "" : reason.strip();
        if (!BREAK_GLASS_REASONS.containsKey(code)) {
            errors.put("reasonCode", "Choose the reason for breaking the glass.");
        }
        if (text.length() < MIN_REASON) {
            errors.put(
                    "reason",
                    "Say in your own words why you need this record now (at least " + MIN_REASON + " characters).");
        } else if (text.length() > MAX_REASON) {
            errors.put("reason", "Keep the reason under " + MAX_REASON + " characters.");
        }
        if (!errors.isEmpty()) {
            // Nothing is opened without a valid reason; the page is decided (and audited) as an ordinary view again.
            response.setStatus(400);
            MdtRecordViews.View view = views.open(person.subject(), team.get(), patient, "patient", Optional.empty());
            model.addAttribute("markedRead", false);
            return render(view, person, team.get(), model, errors, code, text);
        }
        String who = person.subject().startsWith("user:") ? person.subject().substring(5) : person.subject();
        MdtRecordViews.View view = views.open(
                person.subject(),
                team.get(),
                patient,
                "break-glass",
                Optional.of(new EmergencyOverride(code, text, who)));
        model.addAttribute("markedRead", false);
        model.addAttribute("brokeGlass", true);
        return render(view, person, team.get(), model, Map.of(), code, text);
    }

    @PostMapping("/console/mdt/patients/{nhs}/read")
    String markRead(
            @PathVariable String nhs,
            @RequestParam(name = "upTo", required = false) String upTo,
            AuthenticatedOfficer person,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("person", ConsolePerson.of(person));
        Optional<OdsCode> team = person.mdt();
        if (team.isEmpty()) {
            return noTeam(model, response);
        }
        NhsNumber patient = nhsNumber(nhs);
        Instant until;
        try {
            until = Instant.parse(upTo == null ? "" : upTo.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'upTo' must be the time of the newest record shown, e.g. "
                    + "2026-11-23T09:30:00Z; got '" + upTo + "'");
        }
        Instant now = clock.instant();
        views.markRead(person.subject(), team.get(), patient, until.isAfter(now) ? now : until);
        return "redirect:/console/mdt/patients/" + patient.value() + "?read";
    }

    private String render(
            MdtRecordViews.View view,
            AuthenticatedOfficer person,
            OdsCode team,
            Model model,
            Map<String, String> errors,
            String reasonCode,
            String reason) {
        model.addAttribute("team", team.value());
        model.addAttribute("view", view);
        model.addAttribute("nhsSpaced", ClinicalSummary.spaced(view.patient().value()));
        model.addAttribute(
                "patientCard",
                view.patientRecord().map(ClinicalSummary::patient).orElse(null));
        List<PlanView> plans = new ArrayList<>();
        for (MdtRecordViews.Shown shown : view.carePlans()) {
            plans.add(new PlanView(ClinicalSummary.carePlan((CarePlan) shown.released()), shown));
        }
        model.addAttribute("plans", plans);
        model.addAttribute("records", view.shown());
        model.addAttribute("notShown", view.notShown());
        Instant newest = view.newest().orElse(null);
        model.addAttribute("newest", newest);
        model.addAttribute(
                "unread",
                newest != null
                        && views.readUpTo(person.subject(), view.patient())
                                .map(newest::isAfter)
                                .orElse(true));
        model.addAttribute("outcomeWords", outcomeWords(view.outcome()));
        model.addAttribute("reasons", BREAK_GLASS_REASONS);
        model.addAttribute("errors", errors);
        model.addAttribute("reasonCode", reasonCode);
        model.addAttribute("reason", reason);
        return "console/mdt/patient";
    }

    /** A care plan and the record it was rendered from. */
    record PlanView(ClinicalSummary.CarePlanCard card, MdtRecordViews.Shown shown) {}

    private static NhsNumber nhsNumber(String nhs) {
        String digits = nhs == null ? "" : nhs.replace(" ", "");
        try {
            return NhsNumber.of(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("That is not an NHS number the hub can look up: " + e.getMessage());
        }
    }

    private static String noTeam(Model model, HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("title", "Your account is not a member of an MDT");
        model.addAttribute(
                "message",
                "An MDT member's pages show their team's caseload; ask an administrator to name"
                        + " your team on your account.");
        return "console/error";
    }

    static String outcomeWords(MdtRecordViews.Outcome outcome) {
        switch (outcome) {
            case OPEN:
                return "shown";
            case WITHHELD:
                return "Withheld: the patient objected or withdrew consent";
            case REFUSED:
                return "Refused: no legitimate relationship or agreement for your team";
            case NOTHING_HELD:
                return "No shared record held yet";
            default:
                throw new IllegalStateException(outcome.name());
        }
    }
}
