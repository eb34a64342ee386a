package org.vanguard.profiles.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SensitiveValueSetsTests {

    @Test
    @DisplayName("the sensitive-code ValueSets and the redaction code list name the same codes under the same labels")
    void valueSetsMatchRedactionList() throws IOException {
        Set<String> fromValueSets = new HashSet<>();
        for (IBaseResource resource : HubProfiles.definitions()) {
            if (resource instanceof ValueSet valueSet && valueSet.getId().contains("sensitive-")) {
                Coding label = valueSet.getUseContextFirstRep()
                        .getValueCodeableConcept()
                        .getCodingFirstRep();
                for (ValueSet.ConceptSetComponent include :
                        valueSet.getCompose().getInclude()) {
                    for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                        fromValueSets.add(label.getSystem() + "," + label.getCode() + "," + include.getSystem() + ","
                                + concept.getCode());
                    }
                }
            }
        }
        Set<String> fromList = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/redaction/sensitive-codes.csv"), StandardCharsets.UTF_8))) {
            in.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                String[] fields = line.split(",", 5);
                fromList.add(fields[0] + "," + fields[1] + "," + fields[2] + "," + fields[3]);
            });
        }

        assertThat(fromValueSets).isNotEmpty().isEqualTo(fromList);
    }
}
