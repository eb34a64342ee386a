package org.vanguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/**
 * Every endpoint that reads a body, found from the running hub's own request mappings (so a new endpoint cannot be
 * forgotten), driven with generated malformed bodies: JSON of the wrong shape (strings, arrays, numbers, booleans,
 * null), broken JSON, huge values and odd characters (NUL, bidirectional overrides, lone surrogates escaped), under each
 * content type. Each answer is a 4xx OperationOutcome, never a 5xx; nothing lands in the audit (every change the hub
 * keeps is audited); nothing is logged as an ERROR.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedInputIT extends HubIntegrationTest {

    private static final Map<String, String> PATH_VALUES = Map.of(
            "{id}",
            "ISA-CH001-G81001-DC",
            "{ods}",
            "G81001",
            "{nhsNumber}",
            "9434765919",
            "{serial}",
            "01",
            "{type}",
            "type-1",
            "{name}",
            "somebody");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    @DisplayName(
            "generated malformed bodies on every endpoint that reads one: a 4xx OperationOutcome each time, nothing stored, no ERROR")
    void everyEndpointRefusesMalformedBodies(CapturedOutput output) throws Exception {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            boolean readsBody = java.util.Arrays.stream(method.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(
                            org.springframework.web.bind.annotation.RequestBody.class));
            if (!readsBody) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/bench") || pattern.equals("/error")) {
                    continue;
                }
                for (RequestMethod verb : methods) {
                    if (verb == RequestMethod.POST || verb == RequestMethod.PUT) {
                        endpoints.add(verb + " " + concrete(pattern));
                    }
                }
            }
        });
        assertThat(endpoints)
                .as("endpoints found in the running hub")
                .hasSizeGreaterThan(15)
                .contains("POST /admin/objections", "POST /fhir/$process-message", "POST /pseudonyms/$re-identify");

        List<String> bodies = malformedBodies().sampleStream().limit(12).toList();
        int auditBefore = auditRows();
        List<String> failures = new ArrayList<>();
        for (String endpoint : endpoints) {
            String verb = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            HubClient caller = path.startsWith("/admin") ? asOfficer() : as("G81001");
            for (String body : bodies) {
                for (String type : List.of("application/json", FHIR_JSON, "text/plain")) {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    HttpResponse<String> answer =
                            verb.equals("PUT") ? caller.put(path, type, bytes) : caller.post(path, type, bytes);
                    boolean outcome = answer.body().contains("\"resourceType\":\"OperationOutcome\"")
                            && JsonPath.<String>read(answer.body(), "$.resourceType")
                                    .equals("OperationOutcome");
                    if (answer.statusCode() < 400 || answer.statusCode() >= 500 || !outcome) {
                        failures.add(endpoint + " [" + type + "] " + abbreviate(body) + " -> " + answer.statusCode()
                                + " " + abbreviate(answer.body()));
                    }
                }
            }
        }
        assertThat(failures).as("answers that were not a 4xx OperationOutcome").isEmpty();
        assertThat(auditRows())
                .as("nothing a refused body asked for was kept (every kept change is audited)")
                .isEqualTo(auditBefore);
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    /** Bodies no endpoint reads as valid: never a JSON object, so none can be a well-formed request by chance. */
    private static Arbitrary<String> malformedBodies() {
        Arbitrary<String> odd = Arbitraries.strings()
                .withChars('\u0000', '\u202e', '\u2066', '"', '\\', '{', '[', 'é', '\uFFFF', 'a')
                .ofMinLength(1)
                .ofMaxLength(40);
        return Arbitraries.oneOf(
                odd.map(text -> "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                odd,
                Arbitraries.integers().list().ofMaxSize(5).map(List::toString),
                Arbitraries.of(
                        "42", "-1e309", "true", "null", "[]", "[{}]", "\"\"", "{", "{\"a\":", "[[[[[[[[", "\u0000"),
                Arbitraries.strings().alpha().ofLength(200_000).map(text -> "\"" + text + "\""),
                Arbitraries.longs().map(number -> number + "123456789012345678901234567890"));
    }

    private static String concrete(String pattern) {
        String path = pattern;
        for (Map.Entry<String, String> value : PATH_VALUES.entrySet()) {
            path = path.replace(value.getKey(), value.getValue());
        }
        return path.replaceAll("\\{[^}]+}", "x");
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }
}
