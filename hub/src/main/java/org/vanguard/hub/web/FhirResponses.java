package org.vanguard.hub.web;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;

/** FHIR resources as HTTP responses, in FHIR JSON. */
public final class FhirResponses {

    /** FHIR JSON, UTF-8 stated so the bytes a recipient receives are the bytes the hub signed. */
    public static final MediaType FHIR_JSON = new MediaType(
            MediaType.parseMediaType(FhirFormat.JSON.mediaType()), java.nio.charset.StandardCharsets.UTF_8);

    private FhirResponses() {}

    public static ResponseEntity<String> of(HttpStatusCode status, IBaseResource resource) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(body(resource));
    }

    /** The resource as a response body, for handlers that also set headers of their own. */
    public static String body(IBaseResource resource) {
        return FhirParsing.toJson(resource);
    }

    public static ResponseEntity<String> json(HttpStatusCode status, String fhirJson) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(fhirJson);
    }
}
