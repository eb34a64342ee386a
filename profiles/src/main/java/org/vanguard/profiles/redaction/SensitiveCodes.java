package org.vanguard.profiles.redaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The sensitive clinical codes the hub ships (classpath {@code redaction/sensitive-codes.csv}), each mapped
 * to the security label of its category, so a CarePlan activity about, say, HIV care is recognised even
 * when its sender did not label it.
 */
public final class SensitiveCodes {

    private static final SensitiveCodes SHIPPED = load("/redaction/sensitive-codes.csv");

    private final Map<String, String> labelByCode;

    private SensitiveCodes(Map<String, String> labelByCode) {
        this.labelByCode = Map.copyOf(labelByCode);
    }

    public static SensitiveCodes shipped() {
        return SHIPPED;
    }

    /** The security label ({@code system|code}) of the first sensitive coding in the concept, if any. */
    public Optional<String> labelOf(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            String label = labelByCode.get(coding.getSystem() + "|" + coding.getCode());
            if (label != null) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    /** The security label ({@code system|code}) of the coding's category, if it is a shipped sensitive code. */
    public Optional<String> labelOf(Coding coding) {
        return Optional.ofNullable(labelByCode.get(coding.getSystem() + "|" + coding.getCode()));
    }

    /** Every shipped sensitive code as {@code system|code}, with the label of its category. */
    public Map<String, String> all() {
        return labelByCode;
    }

    public int size() {
        return labelByCode.size();
    }

    private static SensitiveCodes load(String resource) {
        Map<String, String> codes = new HashMap<>();
        try (InputStream in = SensitiveCodes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", 5);
                codes.put(cells[2] + "|" + cells[3], cells[0] + "|" + cells[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SensitiveCodes(codes);
    }
}
