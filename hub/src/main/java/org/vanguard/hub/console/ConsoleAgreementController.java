package org.vanguard.hub.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.Flow;
import org.vanguard.governance.agreement.LifecycleRefusedException;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.agreement.AdminAgreementController;
import org.vanguard.hub.agreement.AdminAgreementController.AgreementView;
import org.vanguard.hub.agreement.FileAgreementStore;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.profiles.fhir.FhirInputException;

/**
 * Agreements for IG officers: the list with status, parties, purposes and review date; one agreement's flows as a
 * table an officer can read (who may send what to whom, for which purpose, under which legal basis, with which
 * minimisation), its approvals and history; and its lifecycle actions, each behind a confirmation page and each made
 * by the admin API's own handler, so it is the same change with the same audit record naming the person.
 */
@Controller
class ConsoleAgreementController {

    private static final Set<String> ACTIONS =
            Set.of("submit", "approve", "withdraw", "suspend", "resume", "terminate");

    private final FileAgreementStore agreements;
    private final AdminAgreementController admin;
    private final ParticipantDirectory participants;
    private final ConsoleProperties properties;
    private final Clock clock;

    ConsoleAgreementController(
            FileAgreementStore agreements,
            AdminAgreementController admin,
            ParticipantDirectory participants,
            ConsoleProperties properties,
            Clock clock) {
        this.agreements = agreements;
        this.admin = admin;
        this.participants = participants;
        this.properties = properties;
        this.clock = clock;
    }

    /** One row of an agreement's flows table. */
    record FlowRow(
            String clause,
            List<String> from,
            List<String> to,
            List<String> resourceTypes,
            List<String> purposes,
            List<String> legalBases,
            List<String> minimisation) {}

    @GetMapping("/console/agreements")
    String list(
            AuthenticatedOfficer person,
            @RequestParam Optional<String> status,
            @RequestParam Optional<String> q,
            @RequestParam Optional<String> sort,
            Model model) {
        LocalDate today = LocalDate.now(clock);
        LocalDate horizon = today.plusDays(properties.reviewWarning().toDays());
        String wanted = status.filter(s -> !s.isBlank()).orElse("");
        String text = q.map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("");
        Comparator<AgreementRow> order = switch (sort.orElse("id")) {
            case "review" ->
                Comparator.comparing(AgreementRow::reviewDate, Comparator.nullsLast(Comparator.naturalOrder()));
            case "status" -> Comparator.comparing(AgreementRow::status).thenComparing(AgreementRow::id);
            case "title" -> Comparator.comparing(AgreementRow::title);
            default -> Comparator.comparing(AgreementRow::id);
        };
        List<AgreementRow> rows = agreements.lifecycles().stream()
                .map(l -> AgreementRow.of(l, today, horizon))
                .filter(r -> wanted.isEmpty() || r.status().equals(wanted))
                .filter(r -> text.isEmpty()
                        || (r.id() + " " + r.title() + " " + r.parties())
                                .toLowerCase(Locale.ROOT)
                                .contains(text))
                .sorted(order)
                .toList();
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("rows", rows);
        model.addAttribute("status", wanted);
        model.addAttribute("q", q.orElse(""));
        model.addAttribute("sort", sort.orElse("id"));
        model.addAttribute(
                "statuses",
                List.of("draft", "awaiting approval", "active", "suspended", "expired", "terminated", "withdrawn"));
        return "console/agreements";
    }

    @GetMapping("/console/agreements/{id}")
    String show(AuthenticatedOfficer person, @PathVariable String id, Model model) {
        AgreementView view = admin.get(person, known(id));
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("agreement", view);
        model.addAttribute("flows", flows(view.terms()));
        List<AdminAgreementController.HistoryEntry> history = new java.util.ArrayList<>(admin.history(person, id));
        java.util.Collections.reverse(history);
        model.addAttribute("history", history);
        model.addAttribute("names", names());
        return "console/agreement";
    }

    @GetMapping("/console/agreements/{id}/confirm")
    String confirm(
            AuthenticatedOfficer person,
            @PathVariable String id,
            @RequestParam String action,
            @RequestParam Optional<String> party,
            Model model) {
        return confirmation(
                person, admin.get(person, known(id)), action(action), party.orElse(""), "", Optional.empty(), model);
    }

    @PostMapping("/console/agreements/{id}/{action}")
    String act(
            AuthenticatedOfficer person,
            @PathVariable String id,
            @PathVariable String action,
            @RequestParam Optional<String> party,
            @RequestParam Optional<String> reason,
            @RequestParam Optional<Integer> version,
            Model model,
            RedirectAttributes redirect) {
        String verb = action(action);
        known(id);
        String why = reason.map(String::strip).orElse("");
        try {
            AgreementView after = switch (verb) {
                case "submit" -> admin.submit(person, id);
                case "withdraw" -> admin.withdraw(person, id, new AdminAgreementController.ReasonRequest(why));
                case "approve" ->
                    admin.approve(
                            person,
                            id,
                            new AdminAgreementController.ApprovalRequest(party.orElse(null), version.orElse(null)));
                case "suspend" -> admin.suspend(person, id, new AdminAgreementController.ReasonRequest(why));
                case "resume" -> admin.resume(person, id, new AdminAgreementController.ReasonRequest(why));
                default -> admin.terminate(person, id, new AdminAgreementController.ReasonRequest(why));
            };
            redirect.addFlashAttribute(
                    "done",
                    switch (verb) {
                        case "submit" ->
                            "Submitted " + id + " v" + after.version() + " for approval by "
                                    + String.join(", ", after.awaitingApproval()) + ".";
                        case "withdraw" -> "Withdrew " + id + " v" + after.version() + ". It will never take effect.";
                        case "approve" ->
                            "Approved " + id + " v" + after.version() + " for " + party.orElse("") + ". It is now "
                                    + after.status() + ".";
                        case "suspend" -> "Suspended " + id + ": no record flows under it until it is resumed.";
                        case "resume" -> "Resumed " + id + ". It is now " + after.status() + ".";
                        default -> "Terminated " + id + ". This is final.";
                    });
            return "redirect:/console/agreements/" + id;
        } catch (LifecycleRefusedException e) {
            return confirmation(
                    person,
                    admin.get(person, id),
                    verb,
                    party.orElse(""),
                    why,
                    Optional.ofNullable(e.getMessage()),
                    model);
        } catch (FhirInputException e) {
            String message =
                    e.issues().isEmpty() ? e.getMessage() : e.issues().get(0).text();
            return confirmation(
                    person, admin.get(person, id), verb, party.orElse(""), why, Optional.ofNullable(message), model);
        }
    }

    private String confirmation(
            AuthenticatedOfficer person,
            AgreementView view,
            String action,
            String party,
            String reason,
            Optional<String> error,
            Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("agreement", view);
        model.addAttribute("action", action);
        model.addAttribute("party", party);
        model.addAttribute("reason", reason);
        model.addAttribute(
                "needsReason", action.equals("suspend") || action.equals("terminate") || action.equals("withdraw"));
        error.ifPresent(message -> model.addAttribute("error", message));
        return "console/confirm";
    }

    private String known(String id) {
        if (agreements.lifecycleOf(id).isEmpty()) {
            throw new ConsoleErrors.NotFound("There is no agreement " + id + ".");
        }
        return id;
    }

    private static String action(String action) {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("unknown action " + action);
        }
        return action;
    }

    private Map<String, String> names() {
        return participants.all().stream()
                .collect(Collectors.toMap(p -> p.ods().value(), Participant::name, (a, b) -> a));
    }

    private List<FlowRow> flows(Agreement agreement) {
        Map<String, String> names = names();
        return agreement.flows().stream()
                .map(flow -> new FlowRow(
                        flow.clause(),
                        named(flow.from(), names),
                        named(flow.to(), names),
                        flow.resourceTypes().stream().sorted().toList(),
                        flow.purposes().stream()
                                .sorted()
                                .map(p -> p.code() + " (" + p.display() + ")")
                                .toList(),
                        flow.purposes().stream()
                                .sorted()
                                .map(p -> basis(agreement, p))
                                .toList(),
                        minimisation(agreement, flow)))
                .toList();
    }

    private static List<String> named(Set<OdsCode> codes, Map<String, String> names) {
        return codes.stream()
                .sorted()
                .map(c -> names.getOrDefault(c.value(), "") + " (" + c.value() + ")")
                .toList();
    }

    private static String basis(Agreement agreement, Purpose purpose) {
        return agreement
                .termsFor(purpose)
                .map(t -> purpose.code() + ": Art " + t.article6() + "; Art " + t.article9() + "; "
                        + t.gateway().label())
                .orElse(purpose.code() + ": no legal basis recorded");
    }

    private static List<String> minimisation(Agreement agreement, Flow flow) {
        var scope = agreement.dataScope();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Identifiability: " + scope.identifiability().label());
        for (String type : flow.resourceTypes().stream().sorted().toList()) {
            Set<String> elements = scope.elements().get(type);
            lines.add(type + ": " + (elements == null ? "all elements" : "only " + String.join(", ", elements)));
        }
        lines.add("Sensitive items shared: "
                + (scope.sensitiveCategories().isEmpty()
                        ? "none (withheld)"
                        : scope.sensitiveCategories().stream()
                                .map(c -> c.label())
                                .sorted()
                                .collect(Collectors.joining(", "))));
        return lines;
    }
}
