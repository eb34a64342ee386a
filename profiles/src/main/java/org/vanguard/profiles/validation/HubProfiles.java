package org.vanguard.profiles.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * The hub's conformance resources (StructureDefinitions as differentials, CodeSystems, ValueSets), shipped
 * on the classpath so that nothing is fetched from the network at run time. The canonical URLs are the
 * names senders put in meta.profile and the CapabilityStatement advertises.
 */
public final class HubProfiles {

    private static final String FOLDER = "/org/vanguard/profiles/definitions/";

    /** Base of the hub's canonical URLs. */
    public static final String BASE = "https://vanguard-hub.org/fhir";

    public static final String PATIENT = BASE + "/StructureDefinition/hub-patient";
    public static final String CARE_PLAN = BASE + "/StructureDefinition/hub-careplan";
    public static final String CONSENT = BASE + "/StructureDefinition/hub-consent";
    public static final String MESSAGE_HEADER = BASE + "/StructureDefinition/hub-messageheader";
    public static final String MESSAGE = BASE + "/StructureDefinition/hub-message";
    /** The ValueSet of the hub's message events, bound (required) to MessageHeader.event[x]. */
    public static final String EVENT_VALUE_SET = BASE + "/ValueSet/hub-event";
    /** The CodeSystem of the hub's message events. */
    public static final String EVENT_SYSTEM = BASE + "/CodeSystem/hub-event";
    /** NHS numbers' identifier system (UK Core). */
    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    /** ODS organisation codes' identifier system (UK Core). */
    public static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    private static final List<String> EVENT_CODES = definitions().stream()
            .filter(r -> r instanceof CodeSystem cs && EVENT_SYSTEM.equals(cs.getUrl()))
            .flatMap(r -> ((CodeSystem) r).getConcept().stream())
            .map(CodeSystem.ConceptDefinitionComponent::getCode)
            .toList();

    private static final Map<String, String> BY_TYPE = Map.of(
            "Patient", PATIENT,
            "CarePlan", CARE_PLAN,
            "Consent", CONSENT,
            "MessageHeader", MESSAGE_HEADER,
            "Bundle", MESSAGE);

    private HubProfiles() {}

    /** The hub profile a resource of this type must conform to; empty for types the hub does not profile. */
    public static Optional<String> forType(String resourceType) {
        return Optional.ofNullable(BY_TYPE.get(resourceType));
    }

    /**
     * The hub profile this resource must conform to: that of its type, except that only a Bundle of type
     * {@code message} is a hub message (a searchset or a collection is held to base R4, its entries to their own
     * profiles).
     */
    public static Optional<String> forResource(org.hl7.fhir.r4.model.Resource resource) {
        if (resource instanceof org.hl7.fhir.r4.model.Bundle bundle
                && bundle.getType() != org.hl7.fhir.r4.model.Bundle.BundleType.MESSAGE) {
            return Optional.empty();
        }
        return forType(resource.fhirType());
    }

    /** The codes of the hub-event CodeSystem, in its order: the events a MessageHeader may carry. */
    public static List<String> eventCodes() {
        return EVENT_CODES;
    }

    /** The resource types the hub profiles, with their profile URLs. */
    public static Map<String, String> byType() {
        return BY_TYPE;
    }

    /** A fresh copy of every conformance resource the hub ships, in the order of its index. */
    public static List<IBaseResource> definitions() {
        List<IBaseResource> resources = new ArrayList<>();
        for (String name : index()) {
            try (InputStream in = HubProfiles.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "the definitions index names " + name + " but it is not on the classpath");
                }
                resources.add(FhirParsing.context()
                        .newJsonParser()
                        .parseResource(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return resources;
    }

    private static List<String> index() {
        try (InputStream in = HubProfiles.class.getResourceAsStream(FOLDER + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("no definitions index at " + FOLDER + "index.txt");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
