package org.vanguard.routes.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.redaction.Deidentification;
import org.vanguard.profiles.redaction.RedactionPlan;
import org.vanguard.routes.intake.MessageFacts;

/**
 * A message's decision as {@link DispatchedMessages} keeps it, in JSON: the stale records that stopped it (each
 * refusal's words and the element that decided it), or each permitted recipient's agreement clauses and, per
 * resource type it was permitted, the release (the redaction plan) its permit's obligations asked for. That is all it
 * takes to build the same deliveries again from the message; the questions asked follow from the message and are not
 * kept. No record content is kept, only the plan (a pseudonymised release keeps the pseudonym it carried).
 */
final class DispatchPlans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DispatchPlans() {}

    static String encode(DispatchPlanner.Decided decided) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode stale = root.putArray("stale");
        for (StaleRefusals.Issue issue : decided.stale()) {
            stale.addObject().put("explanation", issue.explanation()).put("location", issue.location());
        }
        ArrayNode permitted = root.putArray("permitted");
        for (Map.Entry<OdsCode, RecipientDecisions.Permitted> entry : decided.permitted()) {
            ObjectNode recipient =
                    permitted.addObject().put("recipient", entry.getKey().value());
            strings(recipient.putArray("agreements"), entry.getValue().agreements());
            ArrayNode types = recipient.putArray("types");
            for (DecisionRequest request : entry.getValue().requests()) {
                String type = request.resourceType();
                ReleasePlanner.Release release = entry.getValue().released().get(type);
                if (release != null) {
                    plan(types.addObject().put("type", type), release.plan());
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dispatch plan is plain JSON", e);
        }
    }

    /** The decision kept, as taken then: its time, and the questions rebuilt from the same message. */
    static DispatchPlanner.Decided decode(DispatchedMessages.Dispatched dispatched, MessageFacts facts) {
        JsonNode root;
        try {
            root = JSON.readTree(dispatched.plan());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the dispatch plan kept is not JSON", e);
        }
        List<StaleRefusals.Issue> stale = new ArrayList<>();
        for (JsonNode issue : root.path("stale")) {
            stale.add(new StaleRefusals.Issue(
                    issue.path("explanation").asText(), issue.path("location").asText()));
        }
        List<Map.Entry<OdsCode, RecipientDecisions.Permitted>> permitted = new ArrayList<>();
        for (JsonNode node : root.path("permitted")) {
            OdsCode recipient = OdsCode.of(node.path("recipient").asText());
            Map<String, ReleasePlanner.Release> released = new HashMap<>();
            List<DecisionRequest> requests = new ArrayList<>();
            for (JsonNode type : node.path("types")) {
                String resourceType = type.path("type").asText();
                released.put(resourceType, new ReleasePlanner.Release(plan(type), Optional.empty()));
                requests.add(new DecisionRequest(
                        facts.sender(), recipient, facts.purpose(), facts.patient(), resourceType, facts.emergency()));
            }
            permitted.add(Map.entry(
                    recipient,
                    new RecipientDecisions.Permitted(
                            released, new LinkedHashSet<>(strings(node.path("agreements"))), requests)));
        }
        return new DispatchPlanner.Decided(dispatched.decidedAt(), stale, permitted, true);
    }

    private static void plan(ObjectNode node, RedactionPlan plan) {
        ObjectNode keep = node.putObject("keep");
        plan.keepElements().forEach((type, elements) -> strings(keep.putArray(type), elements));
        strings(node.putArray("sensitive"), plan.allowedSensitiveLabels());
        node.put("restricted", plan.redactRestrictedPatient());
        Deidentification deidentification = plan.deidentification();
        ObjectNode deid = node.putObject("deidentification");
        deid.put("level", deidentification.level().name());
        deidentification.pseudonym().ifPresent(pseudonym -> deid.put("pseudonym", pseudonym));
        ObjectNode forms = deid.putObject("forms");
        deidentification.forms().forEach(forms::put);
        node.put("confidentiality", plan.confidentiality());
        node.put("purpose", plan.purposeLabel());
    }

    private static RedactionPlan plan(JsonNode node) {
        Map<String, Set<String>> keep = new LinkedHashMap<>();
        node.path("keep")
                .properties()
                .forEach(type -> keep.put(type.getKey(), new LinkedHashSet<>(strings(type.getValue()))));
        JsonNode deid = node.path("deidentification");
        Map<String, String> forms = new LinkedHashMap<>();
        deid.path("forms")
                .properties()
                .forEach(form -> forms.put(form.getKey(), form.getValue().asText()));
        JsonNode pseudonym = deid.path("pseudonym");
        Deidentification deidentification = new Deidentification(
                Deidentification.Level.valueOf(deid.path("level").asText()),
                pseudonym.isTextual() ? Optional.of(pseudonym.asText()) : Optional.empty(),
                forms);
        return new RedactionPlan(
                keep,
                new LinkedHashSet<>(strings(node.path("sensitive"))),
                node.path("restricted").asBoolean(),
                deidentification,
                node.path("confidentiality").asText(),
                node.path("purpose").asText());
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
