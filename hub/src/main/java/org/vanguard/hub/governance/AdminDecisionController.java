package org.vanguard.hub.governance;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;

/**
 * {@code POST /admin/decisions/what-if}: the decision the hub would take now, with its explanation, without
 * sending or recording anything, so an IG officer can check an agreement or answer a question.
 */
@RestController
@RequestMapping("/admin/decisions")
public class AdminDecisionController {

    private final DecisionEngine engine;

    public AdminDecisionController(DecisionEngine engine) {
        this.engine = engine;
    }

    /** The question: who shares what about whom, with whom, for which purpose (and any emergency reason). */
    public record WhatIf(
            String sender,
            String recipient,
            String purpose,
            String nhsNumber,
            String resourceType,
            String emergencyReason) {}

    /** One denial reason as the officer reads it. */
    public record Reason(String code, String rule, String text) {}

    /** The answer. */
    public record WhatIfAnswer(
            String outcome,
            @Nullable String agreement,
            List<Reason> reasons,
            List<String> obligations,
            List<String> explanation) {}

    @PostMapping("/what-if")
    public WhatIfAnswer whatIf(AuthenticatedOfficer officer, @RequestBody WhatIf question) {
        Optional<EmergencyOverride> emergency = Optional.ofNullable(question.emergencyReason())
                .filter(r -> !r.isBlank())
                .map(r -> new EmergencyOverride(r, "what-if", officer.subject()));
        DecisionRequest request = new DecisionRequest(
                AdminRequests.field("sender", question.sender(), OdsCode::of),
                AdminRequests.field("recipient", question.recipient(), OdsCode::of),
                AdminRequests.field("purpose", question.purpose(), Purpose::fromCode),
                AdminRequests.field("nhsNumber", question.nhsNumber(), NhsNumber::of),
                AdminRequests.field("resourceType", question.resourceType(), t -> t),
                emergency);
        Decision decision = engine.decide(request);
        return decision.fold(
                permit -> new WhatIfAnswer(
                        "PERMIT",
                        permit.basis().reference(),
                        List.of(),
                        permit.obligations().stream().map(Object::toString).toList(),
                        permit.explanation()),
                deny -> new WhatIfAnswer(
                        "DENY",
                        null,
                        deny.reasons().stream()
                                .map(r -> new Reason(r.code().name(), r.rule(), r.text()))
                                .toList(),
                        List.of(),
                        deny.explanation()));
    }
}
