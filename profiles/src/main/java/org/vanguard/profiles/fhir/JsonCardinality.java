package org.vanguard.profiles.fhir;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * FHIR JSON writes an element that holds one value as a value, never as a list; HAPI's parser silently takes
 * a one-element list for such an element, so the hub checks the raw JSON against HAPI's own element
 * definitions and refuses the list at its FHIRPath location (found by the intake fuzz test).
 */
final class JsonCardinality {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonCardinality() {}

    /** Issues for every single-valued element written as a list; empty when the JSON cannot be read (HAPI reports that). */
    static List<InputIssue> check(byte[] body, FhirContext context) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return List.of();
        }
        List<InputIssue> issues = new ArrayList<>();
        if (root != null && root.isObject()) {
            resource(root, root.path("resourceType").asText(""), context, issues);
        }
        return issues;
    }

    /** FHIR R4's id datatype; HAPI's parser rewrites an id such as {@code ../../x} to {@code x}, so the raw JSON is checked. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private static void resource(JsonNode node, String path, FhirContext context, List<InputIssue> issues) {
        JsonNode id = node.path("id");
        if (id.isTextual() && !ID.matcher(id.asText()).matches()) {
            String shown = id.asText().length() > 80 ? id.asText().substring(0, 80) + "..." : id.asText();
            issues.add(InputIssue.value(
                    path + ".id",
                    "an id is 1 to 64 letters, digits, '-' or '.' (FHIR R4), not '"
                            + shown.replaceAll("\\p{Cntrl}", "?") + "' ("
                            + id.asText().length() + " characters)"));
        }
        BaseRuntimeElementCompositeDefinition<?> definition;
        try {
            definition = context.getResourceDefinition(node.path("resourceType").asText(""));
        } catch (RuntimeException e) {
            return;
        }
        composite(node, definition, path, context, issues);
    }

    private static void composite(
            JsonNode node,
            BaseRuntimeElementCompositeDefinition<?> definition,
            String path,
            FhirContext context,
            List<InputIssue> issues) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().startsWith("_") ? field.getKey().substring(1) : field.getKey();
            JsonNode value = field.getValue();
            BaseRuntimeChildDefinition child = "resourceType".equals(name) ? null : definition.getChildByName(name);
            if (child == null) {
                continue;
            }
            String at = path + "." + name;
            if (value.isArray() && child.getMax() == 1) {
                issues.add(InputIssue.invalid(
                        at, "'" + name + "' holds one value, so FHIR JSON writes it as a value, not a list"));
                continue;
            }
            if (field.getKey().startsWith("_")) {
                continue;
            }
            for (int i = 0; i < (value.isArray() ? value.size() : 1); i++) {
                JsonNode item = value.isArray() ? value.get(i) : value;
                String itemPath = value.isArray() ? at + "[" + i + "]" : at;
                if (!item.isObject()) {
                    continue;
                }
                if (item.has("resourceType")) {
                    resource(item, itemPath, context, issues);
                    continue;
                }
                BaseRuntimeElementDefinition<?> element = child.getChildByName(name);
                if (element instanceof BaseRuntimeElementCompositeDefinition<?> nested) {
                    composite(item, nested, itemPath, context, issues);
                }
            }
        }
    }
}
