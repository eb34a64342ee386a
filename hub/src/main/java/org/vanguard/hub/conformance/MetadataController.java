package org.vanguard.hub.conformance;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.validation.FullValidation;
import org.vanguard.hub.web.FhirAnswers;
import org.vanguard.hub.web.Searchsets;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.validation.HubProfiles;

/**
 * {@code GET /fhir/metadata} (FHIR R4 capabilities), the hub's StructureDefinitions and its MessageDefinitions, so a
 * sender's system can fetch what it is held to: the profiles with their snapshots, and the messages it may send.
 */
@RestController
@RequestMapping("/fhir")
public class MetadataController {

    private final Date published = new Date();
    private final MessageDefinitions messages = new MessageDefinitions(published);
    private final String capabilityStatement = FhirAnswers.json(CapabilityStatements.hub(published, messages));
    private final FullValidation full;

    public MetadataController(FullValidation full) {
        this.full = full;
    }

    @GetMapping("/metadata")
    public ResponseEntity<String> metadata() {
        return ResponseEntity.ok().contentType(FhirAnswers.FHIR_JSON).body(capabilityStatement);
    }

    /** One of the hub's StructureDefinitions by id (hub-patient, hub-careplan, ...), with its snapshot. */
    @GetMapping("/StructureDefinition/{id}")
    public ResponseEntity<String> structureDefinition(@PathVariable("id") String id) {
        return full.profiles().stream()
                .filter(profile -> profile.getUrl().equals(HubProfiles.BASE + "/StructureDefinition/" + id))
                .findFirst()
                .map(profile -> FhirAnswers.ok(withoutExamples(profile)))
                .orElseThrow(() -> notFound("StructureDefinition", id));
    }

    /** One of the events the hub receives, as a MessageDefinition (patient-update, careplan-update, consent-update). */
    @GetMapping("/MessageDefinition/{id}")
    public ResponseEntity<String> messageDefinition(@PathVariable("id") String id) {
        return messages.byId(id).map(FhirAnswers::ok).orElseThrow(() -> notFound("MessageDefinition", id));
    }

    /** Every MessageDefinition, or the one with a given canonical {@code url}, as a searchset. */
    @GetMapping("/MessageDefinition")
    public ResponseEntity<String> messageDefinitions(
            @RequestParam(value = "url", required = false) String url,
            @RequestParam(value = "_count", required = false) String count,
            @RequestParam(value = Searchsets.OFFSET, required = false) String offset,
            @RequestParam(value = "_summary", required = false) String summary) {
        Searchsets.Paging paging = Searchsets.Paging.of(count, offset, summary);
        List<Resource> found = messages.all().stream()
                .filter(definition -> url == null || definition.getUrl().equals(url))
                .map(definition -> (Resource) definition)
                .toList();
        Bundle searchset = Searchsets.page(
                "message-definitions", "MessageDefinition", url == null ? Map.of() : Map.of("url", url), found, paging);
        return ResponseEntity.ok()
                .contentType(FhirAnswers.FHIR_JSON)
                .body(FhirAnswers.json(searchset, paging.summary()));
    }

    /**
     * The profile without the examples its snapshot inherits from base R4: they document the base resource, not the
     * hub's profile, and one of them (Consent.identifier's) is not itself valid FHIR, which a client validating what it
     * fetched would report against the hub.
     */
    private static StructureDefinition withoutExamples(StructureDefinition profile) {
        StructureDefinition served = profile.copy();
        served.getSnapshot()
                .getElement()
                .forEach(element -> element.getExample().clear());
        return served;
    }

    private static FhirInputException notFound(String type, String id) {
        return new FhirInputException(
                Rejection.NOT_FOUND,
                new InputIssue(IssueType.NOTFOUND, "(path) id", "the hub has no " + type + " '" + id + "'"));
    }
}
