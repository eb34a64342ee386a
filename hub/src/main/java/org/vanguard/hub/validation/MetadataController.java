package org.vanguard.hub.validation;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;
import org.vanguard.profiles.validation.HubProfiles;

/**
 * {@code GET /fhir/metadata} (FHIR R4 capabilities) and the hub's StructureDefinitions, so a sender's system
 * can fetch the profiles it is held to, with their snapshots.
 */
@RestController
@RequestMapping("/fhir")
public class MetadataController {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType(FhirFormat.JSON.mediaType());

    private final String capabilityStatement = FhirParsing.toJson(CapabilityStatements.hub(new Date()));
    private final FullValidation full;

    public MetadataController(FullValidation full) {
        this.full = full;
    }

    @GetMapping("/metadata")
    public ResponseEntity<String> metadata() {
        return ResponseEntity.ok().contentType(FHIR_JSON).body(capabilityStatement);
    }

    /** One of the hub's StructureDefinitions by id (hub-patient, hub-careplan, ...), with its snapshot. */
    @GetMapping("/StructureDefinition/{id}")
    public ResponseEntity<String> structureDefinition(@PathVariable("id") String id) {
        return full.profiles().stream()
                .filter(profile -> profile.getUrl().equals(HubProfiles.BASE + "/StructureDefinition/" + id))
                .findFirst()
                .map(profile -> ResponseEntity.ok().contentType(FHIR_JSON).body(FhirParsing.toJson(profile)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(FHIR_JSON)
                        .body(FhirParsing.toJson(OperationOutcomes.of(List.of(new InputIssue(IssueType.NOTFOUND,
                                "(path) id", "the hub has no StructureDefinition '" + id + "'"))))));
    }
}
