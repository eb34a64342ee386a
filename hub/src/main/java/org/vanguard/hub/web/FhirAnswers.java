package org.vanguard.hub.web;

import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * FHIR resources as answers, in FHIR JSON with UTF-8 stated; {@link FhirFormatNegotiation} turns them into XML for a
 * client that asked for XML. {@code _summary} is applied here, by HAPI's own encoder (summary elements, or no
 * narrative), which marks the result {@code SUBSETTED} as FHIR requires.
 */
public final class FhirAnswers {

    public static final MediaType FHIR_JSON =
            new MediaType(MediaType.parseMediaType(FhirFormat.JSON.mediaType()), StandardCharsets.UTF_8);

    private FhirAnswers() {}

    public static ResponseEntity<String> ok(IBaseResource resource) {
        return ResponseEntity.ok().contentType(FHIR_JSON).body(json(resource));
    }

    public static String json(IBaseResource resource) {
        return FhirParsing.toJson(resource);
    }

    /** The resource as JSON, as much of it as {@code _summary} asks for. */
    public static String json(IBaseResource resource, Summary summary) {
        IParser parser = FhirParsing.context().newJsonParser();
        if (summary == Summary.TRUE) {
            parser.setSummaryMode(true);
        } else if (summary == Summary.DATA) {
            parser.setSuppressNarratives(true);
        }
        return parser.encodeResourceToString(resource);
    }
}
