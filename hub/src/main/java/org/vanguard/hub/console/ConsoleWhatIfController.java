package org.vanguard.hub.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.governance.AdminDecisionController;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.profiles.fhir.FhirInputException;

/**
 * "What if": the decision the hub would take now for a sender, recipient, purpose, resource type and patient, with
 * its explanation in sentences. Each field is checked by the value it names (an ODS code, a purpose code, an NHS
 * number with its Modulus 11 check digit) and a problem is shown next to the field; the question itself goes to the
 * admin API's what-if handler, so the console and the API always answer alike. Nothing is sent or audited.
 */
@Controller
class ConsoleWhatIfController {

    static final List<String> RESOURCE_TYPES = List.of("Patient", "CarePlan", "Consent");

    private final AdminDecisionController decisions;
    private final ParticipantDirectory participants;

    ConsoleWhatIfController(AdminDecisionController decisions, ParticipantDirectory participants) {
        this.decisions = decisions;
        this.participants = participants;
    }

    /** The form, bound field by field. */
    record Question(
            String sender,
            String recipient,
            String purpose,
            String resourceType,
            String nhsNumber,
            String emergencyReason) {}

    @GetMapping("/console/what-if")
    String form(AuthenticatedOfficer person, Model model) {
        return page(person, new Question("", "", "TREAT", "CarePlan", "", ""), Map.of(), null, model, false);
    }

    @PostMapping("/console/what-if")
    String ask(
            AuthenticatedOfficer person,
            @ModelAttribute Question question,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        check(errors, "sender", question.sender(), OdsCode::of);
        check(errors, "recipient", question.recipient(), OdsCode::of);
        check(errors, "purpose", question.purpose(), Purpose::fromCode);
        check(errors, "nhsNumber", question.nhsNumber(), NhsNumber::of);
        if (question.resourceType() == null || !RESOURCE_TYPES.contains(question.resourceType())) {
            errors.put("resourceType", "Choose one of " + String.join(", ", RESOURCE_TYPES) + ".");
        }
        AdminDecisionController.WhatIfAnswer answer = null;
        if (errors.isEmpty()) {
            try {
                answer = decisions.whatIf(
                        person,
                        new AdminDecisionController.WhatIf(
                                question.sender().strip(),
                                question.recipient().strip(),
                                question.purpose().strip(),
                                question.nhsNumber().replace(" ", ""),
                                question.resourceType(),
                                question.emergencyReason()));
            } catch (FhirInputException e) {
                e.issues().forEach(issue -> errors.put(issue.location(), issue.text()));
            }
        }
        return page(person, question, errors, answer, model, htmx != null);
    }

    private String page(
            AuthenticatedOfficer person,
            Question question,
            Map<String, String> errors,
            AdminDecisionController.@Nullable WhatIfAnswer answer,
            Model model,
            boolean fragment) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("question", question);
        model.addAttribute("errors", errors);
        model.addAttribute("answer", answer);
        model.addAttribute("participants", participants.all());
        model.addAttribute("purposes", Arrays.asList(Purpose.values()));
        model.addAttribute("resourceTypes", RESOURCE_TYPES);
        return fragment ? "console/what-if :: question" : "console/what-if";
    }

    private static void check(Map<String, String> errors, String field, String value, Consumer<String> parse) {
        if (value == null || value.isBlank()) {
            errors.put(field, "Required.");
            return;
        }
        try {
            parse.accept(field.equals("nhsNumber") ? value.replace(" ", "") : value.strip());
        } catch (IllegalArgumentException e) {
            errors.put(field, e.getMessage());
        }
    }
}
