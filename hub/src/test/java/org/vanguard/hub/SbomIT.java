package org.vanguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The build's software bill of materials (CycloneDX, made at package, before the integration tests run). */
class SbomIT {

    @Test
    @DisplayName("the package phase leaves a CycloneDX SBOM of the hub naming the libraries it ships, with versions")
    void sbomNamesWhatShips() throws Exception {
        Path sbom = Path.of("target/vanguard-hub-sbom.json");
        assertThat(sbom).exists();
        String json = Files.readString(sbom);
        assertThat(JsonPath.<String>read(json, "$.bomFormat")).isEqualTo("CycloneDX");
        List<String> names = JsonPath.read(json, "$.components[*].name");
        assertThat(names).contains("hapi-fhir-base", "camel-core-engine", "bcprov-jdk18on", "vanguard-governance");
        assertThat(JsonPath.<List<String>>read(json, "$.components[?(@.name == 'hapi-fhir-base')].version"))
                .containsExactly("8.8.0");
    }
}
