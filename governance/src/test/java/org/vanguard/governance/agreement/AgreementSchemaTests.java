package org.vanguard.governance.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.sensitivity.SensitiveCategory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The published JSON Schema ({@code schema/agreement.schema.json}) describes exactly the keys and codes the
 * reader accepts, so that tools validating agreement files against it agree with the hub. JSON is read with
 * SnakeYAML (JSON is YAML), which keeps governance free of a JSON library.
 */
class AgreementSchemaTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema() throws IOException {
        try (InputStream in = AgreementSchemaTests.class.getResourceAsStream("/schema/agreement.schema.json")) {
            assertThat(in).as("schema on the classpath").isNotNull();
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> node, String... path) {
        Map<String, Object> current = node;
        for (String step : path) {
            current = (Map<String, Object>) current.get(step);
            assertThat(current).as("schema node %s", String.join(".", path)).isNotNull();
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static List<String> enumAt(Map<String, Object> node, String... path) {
        return (List<String>) at(node, path).get("enum");
    }

    @Test
    @DisplayName("the schema lists exactly the keys the reader accepts, at every level of an agreement")
    void keysMatchReader() throws IOException {
        Map<String, Object> schema = schema();

        assertThat(at(schema, "properties").keySet())
                .containsExactlyInAnyOrderElementsOf(AgreementFileReader.AGREEMENT_KEYS);
        assertThat(at(schema, "properties", "effective", "properties").keySet())
                .containsExactlyInAnyOrderElementsOf(AgreementFileReader.EFFECTIVE_KEYS);
        assertThat(at(schema, "properties", "parties", "items", "properties").keySet())
                .containsExactlyInAnyOrderElementsOf(AgreementFileReader.PARTY_KEYS);
        assertThat(at(schema, "properties", "purposes", "items", "properties").keySet())
                .containsExactlyInAnyOrderElementsOf(AgreementFileReader.PURPOSE_KEYS);
        assertThat(at(schema, "properties", "flows", "items", "properties").keySet())
                .containsExactlyInAnyOrderElementsOf(AgreementFileReader.FLOW_KEYS);
        assertThat(at(schema, "properties", "dataScope", "properties").keySet())
                .containsExactlyInAnyOrderElementsOf(AgreementFileReader.DATA_SCOPE_KEYS);
        assertThat(at(schema, "properties", "retention", "items", "properties").keySet())
                .containsExactlyInAnyOrderElementsOf(AgreementFileReader.RETENTION_KEYS);
        assertThat(schema.get("additionalProperties")).isEqualTo(false);
    }

    @Test
    @DisplayName(
            "the schema's codes are the model's: statuses, roles, gateways, purposes, identifiability, sensitive categories, resource types")
    void codesMatchModel() throws IOException {
        Map<String, Object> schema = schema();

        assertThat(enumAt(schema, "properties", "status")).containsExactlyElementsOf(labels(AgreementStatus.values()));
        assertThat(enumAt(schema, "properties", "parties", "items", "properties", "role"))
                .containsExactlyElementsOf(
                        Arrays.stream(PartyRole.values()).map(PartyRole::label).toList());
        assertThat(enumAt(schema, "properties", "purposes", "items", "properties", "gateway"))
                .containsExactlyElementsOf(Arrays.stream(LawfulGateway.values())
                        .map(LawfulGateway::label)
                        .toList());
        assertThat(enumAt(schema, "$defs", "purpose"))
                .containsExactlyElementsOf(
                        Arrays.stream(Purpose.values()).map(Purpose::code).toList());
        assertThat(enumAt(schema, "properties", "dataScope", "properties", "identifiability"))
                .containsExactlyElementsOf(Arrays.stream(Identifiability.values())
                        .map(Identifiability::label)
                        .toList());
        assertThat(enumAt(schema, "properties", "dataScope", "properties", "sensitiveCategories", "items"))
                .containsExactlyElementsOf(Arrays.stream(SensitiveCategory.values())
                        .map(SensitiveCategory::label)
                        .toList());
        assertThat(enumAt(schema, "$defs", "resourceType"))
                .containsExactlyInAnyOrderElementsOf(AgreementFileReader.SHAREABLE_TYPES);
    }

    static Stream<Path> demoAgreements() throws IOException {
        return Files.list(Path.of("demo/agreements"))
                .filter(p -> p.toString().endsWith(".yaml"))
                .sorted()
                .toList()
                .stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoAgreements")
    @DisplayName(
            "every key of each demo agreement is one the schema describes, and every key the schema requires is there")
    @SuppressWarnings("unchecked")
    void demoKeysAreInSchema(Path file) throws IOException {
        Map<String, Object> schema = schema();
        Map<String, Object> agreement =
                (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));

        assertThat(at(schema, "properties").keySet()).containsAll(agreement.keySet());
        assertThat(agreement.keySet()).containsAll((List<String>) schema.get("required"));
        for (String list : List.of("parties", "purposes", "flows", "retention")) {
            for (Object item : (List<Object>) agreement.getOrDefault(list, List.of())) {
                assertThat(at(schema, "properties", list, "items", "properties").keySet())
                        .as("keys of %s", list)
                        .containsAll(((Map<String, Object>) item).keySet());
            }
        }
        Map<String, Object> scope = (Map<String, Object>) agreement.getOrDefault("dataScope", Map.of());
        assertThat(at(schema, "properties", "dataScope", "properties").keySet()).containsAll(scope.keySet());
    }

    private static List<String> labels(AgreementStatus[] statuses) {
        return Arrays.stream(statuses).map(AgreementStatus::label).toList();
    }
}
