package org.vanguard.hub.validation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.vanguard.profiles.fhir.ParsingLimits;

/**
 * How much a sender may ask the hub to read, and which FHIR packages the full validator loads besides the
 * hub's own profiles.
 *
 * @param packageDirectory directory of FHIR packages (*.tgz, e.g. UK Core) loaded at start; empty for none
 * @param maxBodySize largest request body the hub parses (413 above it)
 * @param maxDepth deepest nesting of JSON objects/arrays or XML elements (400 above it)
 * @param maxEntries most entries in a Bundle (413 above it)
 * @param fullValidatorAtStart build HAPI's full validator ({@code $validate}, the served profiles) once the hub is
 *     ready, or on its first use (the default)
 */
@Validated
@ConfigurationProperties("hub.validation")
public record ValidationProperties(
        String packageDirectory,
        @NotNull DataSize maxBodySize,
        @Min(2) @Max(10_000) int maxDepth,
        @Min(1) int maxEntries,
        @DefaultValue("false") boolean fullValidatorAtStart) {

    ParsingLimits limits() {
        return new ParsingLimits((int) Math.min(Integer.MAX_VALUE, maxBodySize.toBytes()), maxDepth, maxEntries);
    }
}
