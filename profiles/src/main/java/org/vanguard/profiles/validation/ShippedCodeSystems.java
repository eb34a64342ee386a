package org.vanguard.profiles.validation;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.CodeSystem;
import org.jspecify.annotations.Nullable;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * The FHIR R4 code systems HAPI ships on the classpath (the HL7 v3 and terminology.hl7.org systems among them), asked
 * whether a code is defined: for a code the hub accepts without acting on, so a misspelt code is refused rather than
 * silently ignored. Nothing is fetched from the network; each system's codes are read once.
 */
public final class ShippedCodeSystems {

    private static final DefaultProfileValidationSupport DEFINITIONS =
            new DefaultProfileValidationSupport(FhirParsing.context());
    private static final Map<String, Set<String>> CODES = new ConcurrentHashMap<>();

    private ShippedCodeSystems() {}

    /** Whether {@code code} is a concept of the code system {@code system}; false for a system HAPI does not ship. */
    public static boolean defines(@Nullable String system, @Nullable String code) {
        if (system == null || code == null) {
            return false;
        }
        return CODES.computeIfAbsent(system, ShippedCodeSystems::load).contains(code);
    }

    private static Set<String> load(String system) {
        Set<String> codes = new HashSet<>();
        if (DEFINITIONS.fetchCodeSystem(system) instanceof CodeSystem codeSystem) {
            collect(codeSystem.getConcept(), codes);
        }
        return Set.copyOf(codes);
    }

    private static void collect(List<CodeSystem.ConceptDefinitionComponent> concepts, Set<String> codes) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            codes.add(concept.getCode());
            collect(concept.getConcept(), codes);
        }
    }
}
