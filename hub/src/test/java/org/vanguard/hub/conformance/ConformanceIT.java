package org.vanguard.hub.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MessageDefinition;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.validation.FullProfileValidator;
import org.vanguard.profiles.validation.HubProfiles;
import org.vanguard.profiles.validation.ValidationIssue;

/**
 * The hub's conformance, read from its own CapabilityStatement: every interaction, search parameter, operation and
 * supported message it declares is exercised here, in FHIR JSON and in FHIR XML, and every answer the hub gives
 * (refusals included) is validated with HAPI's FhirInstanceValidator against base R4 and the hub's profiles. A
 * declaration with no check below fails ("declared but not exercised"), so the statement cannot drift from what
 * works; so does an answer that is not valid FHIR, or not in the format asked for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceIT extends HubIntegrationTest {

    /** A patient of this test's own: the hub is shared, and other tests share records about the demo patient. */
    static final String NHS =
            org.vanguard.demo.traffic.DemoTraffic.patients(4711, 1).get(0);

    static final String NHS_TOKEN = HubProfiles.NHS_NUMBER_SYSTEM + "|" + NHS;
    private static final String PURPOSE = "X-Purpose-Of-Use";

    /** HAPI's validator with the hub's profiles: base R4 for every resource, the hub profile for profiled ones. */
    private static final FullProfileValidator VALIDATOR = new FullProfileValidator();

    enum Format {
        JSON("application/fhir+json"),
        XML("application/fhir+xml");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        String encode(IBaseResource resource) {
            return this == JSON
                    ? FhirParsing.toJson(resource)
                    : FhirParsing.context().newXmlParser().encodeResourceToString(resource);
        }

        <T extends IBaseResource> T decode(Class<T> type, String body) {
            return (this == JSON
                            ? FhirParsing.context().newJsonParser()
                            : FhirParsing.context().newXmlParser())
                    .parseResource(type, body);
        }
    }

    private final Map<String, Exercise> exercises = new LinkedHashMap<>();

    @FunctionalInterface
    interface Exercise {
        void run(Format format) throws Exception;
    }

    @BeforeAll
    void seedAndDescribe() throws Exception {
        // Two care plans for one patient from the care home, so G81001 has records to find, and a second page.
        assertThat(as("CH001")
                        .post("/fhir/$process-message", FHIR_JSON, firstCarePlan())
                        .statusCode())
                .isEqualTo(200);
        assertThat(as("CH001")
                        .post("/fhir/$process-message", FHIR_JSON, secondCarePlan())
                        .statusCode())
                .isEqualTo(200);
        awaitDispatched();

        exercises.put("Patient.search-type", this::patientSearch);
        exercises.put("Patient?identifier", this::patientSearch);
        exercises.put("CarePlan.search-type", this::carePlanSearchAndPaging);
        exercises.put("CarePlan?patient", this::carePlanSearchAndPaging);
        exercises.put("Consent.create", this::consentLifecycle);
        exercises.put("Consent.read", this::consentLifecycle);
        exercises.put("Consent.vread", this::consentLifecycle);
        exercises.put("Consent.update", this::consentLifecycle);
        exercises.put("Consent?identifier", this::consentLifecycle);
        exercises.put("Consent.conditionalCreate", this::consentLifecycle);
        exercises.put("Consent.versioned-update", this::consentLifecycle);
        exercises.put("Consent.updateCreate", this::consentUpdateCreate);
        exercises.put("StructureDefinition.read", this::structureDefinitions);
        exercises.put("MessageDefinition.read", this::messageDefinitions);
        exercises.put("MessageDefinition.search-type", this::messageDefinitions);
        exercises.put("MessageDefinition?url", this::messageDefinitions);
        for (String type : HubProfiles.byType().keySet()) {
            exercises.put(type + "$validate", format -> validateType(type, format));
        }
        exercises.put("$process-message", this::processMessage);
        exercises.put("$validate", this::validateSystem);
    }

    @TestFactory
    @DisplayName("every capability the CapabilityStatement declares works, in JSON and XML, with valid FHIR answers")
    Stream<DynamicTest> everyDeclaredCapability() throws Exception {
        CapabilityStatement statement =
                read(as("G81001").get("/fhir/metadata"), Format.JSON, CapabilityStatement.class);
        assertThat(read(
                                as("G81001").get("/fhir/metadata", "Accept", Format.XML.mediaType),
                                Format.XML,
                                CapabilityStatement.class)
                        .getRest())
                .hasSize(1);
        List<String> declared = new ArrayList<>();
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            resource.getInteraction()
                    .forEach(i ->
                            declared.add(resource.getType() + "." + i.getCode().toCode()));
            resource.getSearchParam().forEach(p -> declared.add(resource.getType() + "?" + p.getName()));
            resource.getOperation().forEach(o -> declared.add(resource.getType() + "$" + o.getName()));
            // The flags a client relies on are declarations too: each one set must work.
            if (resource.getUpdateCreate()) {
                declared.add(resource.getType() + ".updateCreate");
            }
            if (resource.getConditionalCreate()) {
                declared.add(resource.getType() + ".conditionalCreate");
            }
            if (resource.getConditionalUpdate()) {
                declared.add(resource.getType() + ".conditionalUpdate");
            }
            if (resource.getConditionalRead() != null
                    && resource.getConditionalRead() != CapabilityStatement.ConditionalReadStatus.NOTSUPPORTED
                    && resource.getConditionalRead() != CapabilityStatement.ConditionalReadStatus.NULL) {
                declared.add(resource.getType() + ".conditionalRead");
            }
            if (resource.getConditionalDelete() != null
                    && resource.getConditionalDelete() != CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED
                    && resource.getConditionalDelete() != CapabilityStatement.ConditionalDeleteStatus.NULL) {
                declared.add(resource.getType() + ".conditionalDelete");
            }
            if (resource.getReadHistory()) {
                declared.add(resource.getType() + ".readHistory");
            }
            if (resource.getVersioning() == CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE) {
                declared.add(resource.getType() + ".versioned-update");
            }
        }
        rest.getInteraction().forEach(i -> declared.add(i.getCode().toCode()));
        rest.getOperation().forEach(o -> declared.add("$" + o.getName()));
        statement
                .getMessagingFirstRep()
                .getSupportedMessage()
                .forEach(m -> declared.add("message " + m.getDefinition()));
        assertThat(declared)
                .as("the hub declares its searches, Consent interactions and messages")
                .contains(
                        "Patient.search-type",
                        "CarePlan?patient",
                        "Consent.read",
                        "Consent.update",
                        "Consent.updateCreate",
                        "Consent.conditionalCreate",
                        "Consent.versioned-update",
                        "$process-message");
        // A client learns from the statement that searches need the purpose of use, and in which header.
        assertThat(rest.getSecurity().getDescription()).contains(PURPOSE);
        for (String type : List.of("Patient", "CarePlan")) {
            assertThat(rest.getResource().stream()
                            .filter(r -> r.getType().equals(type))
                            .flatMap(r -> r.getInteraction().stream())
                            .filter(i -> i.getCode() == CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE)
                            .map(CapabilityStatement.ResourceInteractionComponent::getDocumentation)
                            .toList())
                    .as(type + " search-type documents the " + PURPOSE + " header")
                    .singleElement()
                    .satisfies(text -> assertThat(text).contains(PURPOSE + ": an HL7 v3 ActReason code"));
        }

        List<DynamicTest> tests = new ArrayList<>();
        for (String capability : declared) {
            for (Format format : Format.values()) {
                tests.add(DynamicTest.dynamicTest(capability + " (" + format + ")", () -> {
                    if (capability.startsWith("message ")) {
                        supportedMessage(capability.substring("message ".length()), format);
                        return;
                    }
                    Exercise exercise = exercises.get(capability);
                    if (exercise == null) {
                        fail("the CapabilityStatement declares " + capability
                                + " but the conformance suite does not exercise it");
                    }
                    exercise.run(format);
                }));
            }
        }
        return tests.stream();
    }

    // ---- searches ----------------------------------------------------------------------------------------

    private void patientSearch(Format format) throws Exception {
        HttpResponse<String> answer = as("G81001")
                .get("/fhir/Patient?identifier=" + encode(NHS_TOKEN), PURPOSE, "TREAT", "Accept", format.mediaType);
        Bundle get = searchset(answer, format);
        assertThat(answer.headers().firstValue("X-Hub-Query-Id"))
                .as("the id the search's decisions are audited under")
                .isPresent();
        assertThat(get.getEntry()).as("the care home's Patient record").isNotEmpty();
        Bundle post = searchset(
                as("G81001")
                        .send(
                                "POST",
                                "/fhir/Patient/_search" + formatParameter(format),
                                "application/x-www-form-urlencoded",
                                ("identifier=" + encode(NHS_TOKEN)).getBytes(StandardCharsets.UTF_8),
                                PURPOSE,
                                "TREAT"),
                format);
        assertThat(post.getTotal()).isEqualTo(get.getTotal());
        Bundle summary = searchset(
                as("G81001")
                        .get(
                                "/fhir/Patient?identifier=" + encode(NHS_TOKEN) + "&_summary=true",
                                PURPOSE,
                                "TREAT",
                                "Accept",
                                format.mediaType),
                format);
        assertThat(summary.getEntryFirstRep().getResource().getMeta().getTag())
                .anySatisfy(tag -> assertThat(tag.getCode()).isEqualTo("SUBSETTED"));
        Bundle count = searchset(
                as("G81001")
                        .get(
                                "/fhir/Patient?identifier=" + encode(NHS_TOKEN) + "&_summary=count",
                                PURPOSE,
                                "TREAT",
                                "Accept",
                                format.mediaType),
                format);
        assertThat(count.getEntry()).isEmpty();
        assertThat(count.getTotal()).isEqualTo(get.getTotal());
        // The hub's own $validate accepts the searchset it answered (the message rules are for messages only).
        assertNoErrors(validateThroughHub(get, format));
    }

    private void carePlanSearchAndPaging(Format format) throws Exception {
        String search = "/fhir/CarePlan?patient.identifier=" + encode(NHS_TOKEN);
        Bundle all = searchset(as("G81001").get(search, PURPOSE, "TREAT", "Accept", format.mediaType), format);
        assertThat(all.getTotal()).as("both care plans").isEqualTo(2);
        List<String> seen = new ArrayList<>();
        Bundle page =
                searchset(as("G81001").get(search + "&_count=1", PURPOSE, "TREAT", "Accept", format.mediaType), format);
        while (true) {
            assertThat(page.getEntry()).hasSize(1);
            seen.add(page.getEntryFirstRep().getFullUrl());
            if (page.getLink("next") == null) {
                break;
            }
            page = searchset(
                    as("G81001")
                            .get(pathOf(page.getLink("next").getUrl()), PURPOSE, "TREAT", "Accept", format.mediaType),
                    format);
        }
        assertThat(seen)
                .as("paging by next links visits every match once")
                .doesNotHaveDuplicates()
                .hasSize(2);
        Bundle post = searchset(
                as("G81001")
                        .send(
                                "POST",
                                "/fhir/CarePlan/_search" + formatParameter(format),
                                "application/x-www-form-urlencoded",
                                ("patient.identifier=" + encode(NHS_TOKEN) + "&_count=1")
                                        .getBytes(StandardCharsets.UTF_8),
                                PURPOSE,
                                "TREAT"),
                format);
        assertThat(post.getLink("next")).isNotNull();
    }

    private Bundle searchset(HttpResponse<String> response, Format format) {
        Bundle bundle = read(response, format, Bundle.class);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getLink("self")).as("a self link").isNotNull();
        assertThat(bundle.getLink("self").getUrl()).startsWith("https://localhost:" + port + "/fhir/");
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            assertThat(resource.getIdElement().getIdPart())
                    .as("each entry has an id")
                    .isNotBlank();
            assertThat(entry.getFullUrl())
                    .isEqualTo("https://localhost:" + port + "/fhir/" + resource.fhirType() + "/"
                            + resource.getIdElement().getIdPart());
            assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    // ---- Consent -----------------------------------------------------------------------------------------

    private void consentLifecycle(Format format) throws Exception {
        HubClient careHome = as("CH001");
        String identifier = "urn:uuid:" + UUID.randomUUID();
        Consent consent = consent(identifier);
        HttpResponse<String> created = careHome.send(
                "POST", "/fhir/Consent", format.mediaType, bytes(format.encode(consent)), "Accept", format.mediaType);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Consent kept = read(created, format, Consent.class);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location)
                .as("an absolute Location naming the version")
                .startsWith("https://localhost:" + port + "/fhir/Consent/")
                .endsWith("/_history/1");
        assertThat(created.headers().firstValue("ETag")).contains("W/\"1\"");
        assertThat(kept.getMeta().getVersionId()).isEqualTo("1");
        String id = kept.getIdElement().getIdPart();

        Consent readBack = read(careHome.get(pathOf(location), "Accept", format.mediaType), format, Consent.class);
        assertThat(readBack.getIdentifierFirstRep().getValue()).isEqualTo(identifier);
        HttpResponse<String> current = careHome.get("/fhir/Consent/" + id, "Accept", format.mediaType);
        read(current, format, Consent.class);
        assertThat(current.headers().firstValue("ETag")).contains("W/\"1\"");
        refusal(as("G81001").get("/fhir/Consent/" + id, "Accept", format.mediaType), format, 404, "not-found");

        HttpResponse<String> again = careHome.send(
                "POST",
                "/fhir/Consent",
                format.mediaType,
                bytes(format.encode(consent)),
                "Accept",
                format.mediaType,
                "If-None-Exist",
                "identifier=" + encode(identifier));
        assertThat(again.statusCode())
                .as("a conditional create that matches keeps nothing new")
                .isEqualTo(200);
        assertThat(read(again, format, Consent.class).getMeta().getVersionId()).isEqualTo("1");

        consent.setId(id);
        consent.setStatus(Consent.ConsentState.INACTIVE);
        HttpResponse<String> updated = careHome.send(
                "PUT",
                "/fhir/Consent/" + id,
                format.mediaType,
                bytes(format.encode(consent)),
                "Accept",
                format.mediaType,
                "If-Match",
                "W/\"1\"");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(read(updated, format, Consent.class).getMeta().getVersionId())
                .isEqualTo("2");
        assertThat(updated.headers().firstValue("ETag")).contains("W/\"2\"");
        refusal(
                careHome.send(
                        "PUT",
                        "/fhir/Consent/" + id,
                        format.mediaType,
                        bytes(format.encode(consent)),
                        "Accept",
                        format.mediaType,
                        "If-Match",
                        "W/\"1\""),
                format,
                412,
                "conflict");
        refusal(
                careHome.get("/fhir/Consent/" + id + "/_history/1", "Accept", format.mediaType),
                format,
                404,
                "not-found");
    }

    /**
     * updateCreate: a PUT to an id the hub does not hold creates the Consent under that id (201, Location, ETag, version
     * 1), and it reads back there; the same PUT again is then an update.
     */
    private void consentUpdateCreate(Format format) throws Exception {
        HubClient careHome = as("CH001");
        String id = "put-" + UUID.randomUUID();
        Consent consent = consent("urn:uuid:" + UUID.randomUUID());
        consent.setId(id);
        HttpResponse<String> created = put(careHome, id, consent, format);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Consent kept = read(created, format, Consent.class);
        assertThat(kept.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(kept.getMeta().getVersionId()).isEqualTo("1");
        assertThat(created.headers().firstValue("Location"))
                .hasValue("https://localhost:" + port + "/fhir/Consent/" + id + "/_history/1");
        assertThat(created.headers().firstValue("ETag")).contains("W/\"1\"");
        Consent readBack = read(careHome.get("/fhir/Consent/" + id, "Accept", format.mediaType), format, Consent.class);
        assertThat(readBack.getIdentifierFirstRep().getValue())
                .isEqualTo(consent.getIdentifierFirstRep().getValue());

        HttpResponse<String> again = put(careHome, id, consent, format);
        assertThat(again.statusCode())
                .as("the id is held now: the same PUT updates (200), it does not create again")
                .isEqualTo(200);
    }

    private static HttpResponse<String> put(HubClient client, String id, Consent consent, Format format)
            throws Exception {
        return client.send(
                "PUT",
                "/fhir/Consent/" + id,
                format.mediaType,
                bytes(format.encode(consent)),
                "Accept",
                format.mediaType);
    }

    /** A Consent of this test's patient, so that no other test's patient is given one. */
    static Consent consent(String identifier) {
        Consent consent = FhirSamples.consent(identifier);
        consent.getPatient().getIdentifier().setValue(NHS);
        return consent;
    }

    // ---- conformance resources -----------------------------------------------------------------------------

    private void structureDefinitions(Format format) throws Exception {
        for (String url : HubProfiles.byType().values()) {
            String id = url.substring(url.lastIndexOf('/') + 1);
            StructureDefinition profile = read(
                    as("G81001").get("/fhir/StructureDefinition/" + id + formatParameter(format)),
                    format,
                    StructureDefinition.class);
            assertThat(profile.getUrl()).isEqualTo(url);
            assertThat(profile.getSnapshot().getElement()).isNotEmpty();
        }
    }

    private void messageDefinitions(Format format) throws Exception {
        Bundle all = searchset(as("G81001").get("/fhir/MessageDefinition", "Accept", format.mediaType), format);
        assertThat(all.getTotal()).isEqualTo(HubProfiles.eventCodes().size());
        for (Bundle.BundleEntryComponent entry : all.getEntry()) {
            MessageDefinition definition = (MessageDefinition) entry.getResource();
            Bundle byUrl = searchset(
                    as("G81001")
                            .get(
                                    "/fhir/MessageDefinition?url=" + encode(definition.getUrl()),
                                    "Accept",
                                    format.mediaType),
                    format);
            assertThat(byUrl.getEntry()).hasSize(1);
            read(
                    as("G81001").get(pathOf(entry.getFullUrl()), "Accept", format.mediaType),
                    format,
                    MessageDefinition.class);
        }
    }

    private void supportedMessage(String definitionUrl, Format format) throws Exception {
        String id = definitionUrl.substring(definitionUrl.lastIndexOf('/') + 1);
        MessageDefinition definition = read(
                as("G81001").get("/fhir/MessageDefinition/" + id, "Accept", format.mediaType),
                format,
                MessageDefinition.class);
        assertThat(definition.getUrl()).isEqualTo(definitionUrl);
        assertThat(HubProfiles.eventCodes())
                .contains(definition.getEventCoding().getCode());
    }

    // ---- operations --------------------------------------------------------------------------------------

    private void processMessage(Format format) throws Exception {
        Bundle message = FhirParsing.fromTrustedJson(Bundle.class, new String(demoMessage(), StandardCharsets.UTF_8));
        message.getEntryFirstRep().getResource().setId(UUID.randomUUID().toString());
        HttpResponse<String> answer = as("CH001")
                .send(
                        "POST",
                        "/fhir/$process-message",
                        format.mediaType,
                        bytes(format.encode(message)),
                        "Accept",
                        format.mediaType);
        Bundle response = read(answer, format, Bundle.class);
        MessageHeader header = (MessageHeader) response.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
        assertThat(header.getSender().getIdentifier().getValue())
                .as("the response names its sender")
                .isNotBlank();
    }

    private void validateSystem(Format format) throws Exception {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(sample("Patient"));
        assertNoErrors(read(
                as("CH001")
                        .send(
                                "POST",
                                "/fhir/$validate",
                                format.mediaType,
                                bytes(format.encode(parameters)),
                                "Accept",
                                format.mediaType),
                format,
                OperationOutcome.class));
    }

    private void validateType(String type, Format format) throws Exception {
        Resource sample = sample(type);
        assertNoErrors(read(
                as("CH001")
                        .send(
                                "POST",
                                "/fhir/" + type + "/$validate",
                                format.mediaType,
                                bytes(format.encode(sample)),
                                "Accept",
                                format.mediaType),
                format,
                OperationOutcome.class));
        String id = "sample-" + type.toLowerCase(java.util.Locale.ROOT);
        sample.setId(id);
        assertNoErrors(read(
                as("CH001")
                        .send(
                                "POST",
                                "/fhir/" + type + "/" + id + "/$validate",
                                format.mediaType,
                                bytes(format.encode(sample)),
                                "Accept",
                                format.mediaType),
                format,
                OperationOutcome.class));
        OperationOutcome otherId = read(
                as("CH001")
                        .send(
                                "POST",
                                "/fhir/" + type + "/another-id/$validate",
                                format.mediaType,
                                bytes(format.encode(sample)),
                                "Accept",
                                format.mediaType),
                format,
                OperationOutcome.class);
        assertThat(otherId.getIssue())
                .as("instance level: the id must be the path's")
                .anySatisfy(issue -> assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR));
    }

    private Resource sample(String type) throws Exception {
        Bundle message = FhirParsing.fromTrustedJson(Bundle.class, new String(demoMessage(), StandardCharsets.UTF_8));
        return switch (type) {
            case "Bundle" -> message;
            case "Consent" -> consent("urn:uuid:" + UUID.randomUUID());
            default ->
                message.getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getResource)
                        .filter(resource -> resource.fhirType().equals(type))
                        .findFirst()
                        .orElseThrow();
        };
    }

    private OperationOutcome validateThroughHub(Resource resource, Format format) throws Exception {
        return read(
                as("G81001")
                        .send(
                                "POST",
                                "/fhir/" + resource.fhirType() + "/$validate",
                                format.mediaType,
                                bytes(format.encode(resource)),
                                "Accept",
                                format.mediaType),
                format,
                OperationOutcome.class);
    }

    // ---- refusals ----------------------------------------------------------------------------------------

    @Test
    @DisplayName(
            "every refusal is an OperationOutcome in the format asked for, with the FHIR issue type its status means")
    void refusals() throws Exception {
        Bundle spoofed = FhirParsing.fromTrustedJson(
                Bundle.class,
                new String(demoMessage(), StandardCharsets.UTF_8)
                        .replace("\"value\": \"CH001\"", "\"value\": \"G81001\""));
        Bundle unknownEvent = FhirParsing.fromTrustedJson(
                Bundle.class,
                new String(demoMessage(), StandardCharsets.UTF_8).replace("\"careplan-update\"", "\"lab-result\""));
        for (Format format : Format.values()) {
            String accept = format.mediaType;
            refusal(as("CH001").get("/fhir/Consent/no-such-consent", "Accept", accept), format, 404, "not-found");
            refusal(as("CH001").get("/fhir/Nothing/here", "Accept", accept), format, 404, "not-found");
            refusal(
                    as("G81001").get("/fhir/Patient?identifier=" + encode(NHS_TOKEN), "Accept", accept),
                    format,
                    400,
                    "required");
            refusal(
                    as("G81001")
                            .get(
                                    "/fhir/Patient?identifier=" + encode(HubProfiles.NHS_NUMBER_SYSTEM + "|9434765918"),
                                    PURPOSE,
                                    "TREAT",
                                    "Accept",
                                    accept),
                    format,
                    400,
                    "value");
            refusal(
                    as("G81001")
                            .get(
                                    "/fhir/Patient?identifier=" + encode(NHS_TOKEN) + "&_count=many",
                                    PURPOSE,
                                    "TREAT",
                                    "Accept",
                                    accept),
                    format,
                    400,
                    "value");
            refusal(
                    as("G81001")
                            .get(
                                    "/fhir/Patient?identifier=" + encode(NHS_TOKEN) + "&_summary=text",
                                    PURPOSE,
                                    "TREAT",
                                    "Accept",
                                    accept),
                    format,
                    422,
                    "not-supported");
            refusal(asOfficer().get("/fhir/metadata", "Accept", accept), format, 403, "forbidden");
            refusal(
                    as("CH001")
                            .send(
                                    "POST",
                                    "/fhir/$process-message",
                                    format.mediaType,
                                    bytes(format.encode(spoofed)),
                                    "Accept",
                                    accept),
                    format,
                    403,
                    "forbidden");
            refusal(
                    as("CH001")
                            .send(
                                    "POST",
                                    "/fhir/$process-message",
                                    format.mediaType,
                                    bytes(format.encode(unknownEvent)),
                                    "Accept",
                                    accept),
                    format,
                    400,
                    "value");
            refusal(
                    as("CH001").send("DELETE", "/fhir/metadata", null, null, "Accept", accept),
                    format,
                    405,
                    "not-supported");
            refusal(
                    as("CH001").send("POST", "/fhir/Patient/$validate", "text/plain", bytes("hello"), "Accept", accept),
                    format,
                    415,
                    "not-supported");
        }
        refusal(as("CH001").get("/fhir/metadata?_format=text/html"), Format.JSON, 406, "not-supported");
    }

    @Test
    @DisplayName(
            "what the CapabilityStatement declares off for Consent (conditional update and delete, delete, history) is refused as not supported or not found")
    void declaredOff() throws Exception {
        CapabilityStatementRestResourceComponent declared = read(
                        as("CH001").get("/fhir/metadata"), Format.JSON, CapabilityStatement.class)
                .getRestFirstRep()
                .getResource()
                .stream()
                .filter(resource -> resource.getType().equals("Consent"))
                .findFirst()
                .orElseThrow();
        assertThat(declared.getConditionalUpdate()).isFalse();
        assertThat(declared.getConditionalDelete()).isEqualTo(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
        assertThat(declared.getReadHistory()).isFalse();
        assertThat(declared.getInteraction())
                .extracting(CapabilityStatement.ResourceInteractionComponent::getCode)
                .doesNotContain(
                        CapabilityStatement.TypeRestfulInteraction.DELETE,
                        CapabilityStatement.TypeRestfulInteraction.HISTORYINSTANCE,
                        CapabilityStatement.TypeRestfulInteraction.HISTORYTYPE);

        HubClient careHome = as("CH001");
        String identifier = "urn:uuid:" + UUID.randomUUID();
        HttpResponse<String> created =
                careHome.post("/fhir/Consent", FHIR_JSON, bytes(FhirParsing.toJson(consent(identifier))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = FhirParsing.fromTrustedJson(Consent.class, created.body())
                .getIdElement()
                .getIdPart();
        String criteria = "/fhir/Consent?identifier=" + encode(identifier);
        for (Format format : Format.values()) {
            String accept = format.mediaType;
            refusal(
                    careHome.send(
                            "PUT",
                            criteria,
                            format.mediaType,
                            bytes(format.encode(consent(identifier))),
                            "Accept",
                            accept),
                    format,
                    405,
                    "not-supported");
            refusal(careHome.send("DELETE", criteria, null, null, "Accept", accept), format, 405, "not-supported");
            refusal(
                    careHome.send("DELETE", "/fhir/Consent/" + id, null, null, "Accept", accept),
                    format,
                    405,
                    "not-supported");
            refusal(careHome.get("/fhir/Consent/" + id + "/_history", "Accept", accept), format, 404, "not-found");
        }
        assertThat(careHome.get("/fhir/Consent/" + id).statusCode())
                .as("the Consent is still there")
                .isEqualTo(200);
    }

    // ---- UK Core ------------------------------------------------------------------------------------------

    @Test
    @DisplayName(
            "NHS England's UK Core examples: each accepted, or refused for exactly the reason the corpus README states")
    void ukCoreExamples() throws Exception {
        String richardSmith = resource("/ukcore/UKCore-Patient-RichardSmith-Example.xml");
        for (Format format : Format.values()) {
            Patient patient = ukCore(Patient.class, richardSmith);
            OperationOutcome outcome = read(
                    as("CH001")
                            .send(
                                    "POST",
                                    "/fhir/Patient/$validate",
                                    format.mediaType,
                                    bytes(format.encode(patient)),
                                    "Accept",
                                    format.mediaType),
                    format,
                    OperationOutcome.class);
            assertNoErrors(outcome);
        }
        CarePlan plan = ukCore(CarePlan.class, resource("/ukcore/UKCore-CarePlan-WellnessPlan-Example.xml"));
        Patient patient = ukCore(Patient.class, richardSmith);
        // As published: the plan's subject references the Patient, which travels in the same message with its NHS
        // number.
        Bundle message = FhirParsing.fromTrustedJson(Bundle.class, new String(demoMessage(), StandardCharsets.UTF_8));
        MessageHeader header = (MessageHeader) message.getEntryFirstRep().getResource();
        header.setId(UUID.randomUUID().toString());
        header.getFocus().clear();
        header.getDestination().clear();
        message.getEntry().subList(1, message.getEntry().size()).clear();
        message.addEntry()
                .setFullUrl("https://rosewood.example/fhir/Patient/"
                        + patient.getIdElement().getIdPart())
                .setResource(patient);
        message.addEntry()
                .setFullUrl("https://rosewood.example/fhir/CarePlan/"
                        + plan.getIdElement().getIdPart())
                .setResource(plan);
        header.addFocus()
                .setReference("https://rosewood.example/fhir/Patient/"
                        + patient.getIdElement().getIdPart());
        header.addFocus()
                .setReference("https://rosewood.example/fhir/CarePlan/"
                        + plan.getIdElement().getIdPart());
        assertNoErrors(validateThroughHub(plan, Format.JSON));
        assertNoErrors(validateThroughHub(message, Format.JSON));
        HttpResponse<String> accepted =
                as("CH001").post("/fhir/$process-message", FHIR_JSON, bytes(FhirParsing.toJson(message)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        awaitDispatched();

        // UK Core's Consent example states no base decision (provision.type) and references the Patient just shared: it
        // is
        // kept, tied to that Patient's NHS number, and the hub says what it reads in it (nothing it can enforce).
        String example = resource("/ukcore/UKCore-Consent-ForInformationAccess-Example.xml");
        for (Format format : Format.values()) {
            Consent consent = ukCore(Consent.class, example);
            consent.setId(consent.getIdElement().getIdPart() + "-" + format);
            HttpResponse<String> created = as("CH001")
                    .send(
                            "POST",
                            "/fhir/Consent",
                            format.mediaType,
                            bytes(format.encode(consent)),
                            "Accept",
                            format.mediaType,
                            "Prefer",
                            "return=OperationOutcome");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            OperationOutcome outcome = valid(created, format, OperationOutcome.class);
            assertThat(outcome.getIssue())
                    .filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.WARNING)
                    .extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .anySatisfy(text -> assertThat(text)
                            .startsWith("Consent.provision.type:")
                            .contains("changes no sharing decision"))
                    .anySatisfy(text -> assertThat(text)
                            .startsWith("Consent.provision.purpose:")
                            .contains("GOV"));
            Consent kept = read(
                    as("CH001")
                            .get(java.net
                                    .URI
                                    .create(created.headers()
                                            .firstValue("Location")
                                            .orElseThrow())
                                    .getPath()),
                    Format.JSON,
                    Consent.class);
            assertThat(kept.getPatient().getReference())
                    .isEqualTo("Patient/" + patient.getIdElement().getIdPart());
            assertThat(kept.getPatient().getIdentifier().getValue())
                    .isEqualTo(patient.getIdentifierFirstRep().getValue());
        }
        // Another participant has shared no such Patient: the reference cannot be resolved, and the answer says where.
        HttpResponse<String> unresolved =
                as("G81001").send("POST", "/fhir/Consent", Format.XML.mediaType, bytes(example), "Accept", FHIR_JSON);
        refusal(unresolved, Format.JSON, 400, "not-found");
        assertThat(valid(unresolved, Format.JSON, OperationOutcome.class).getIssue())
                .anySatisfy(
                        issue -> assertThat(issue.getExpression().toString()).contains("Consent.patient.reference"));
    }

    @Test
    @DisplayName(
            "UK Core's BabyPatient is refused only for its published NHS number's check digit; its MessageHeader only for its SNOMED event and sender")
    void ukCoreRefusals() throws Exception {
        String baby = resource("/ukcore/UKCore-Patient-BabyPatient-Example.xml");
        String discharge = resource("/ukcore/UKCore-MessageHeader-Discharge-Example.xml");
        for (Format format : Format.values()) {
            // As published, its NHS number 9912003890 fails Modulus 11 (the check digit is 6): that, and nothing else.
            assertThat(errorsAt(validateThroughHub(ukCore(Patient.class, baby), format)))
                    .containsExactly("Patient.identifier[0].value");
            assertThat(validateThroughHub(ukCore(Patient.class, baby), format).getIssue())
                    .filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                    .singleElement()
                    .satisfies(issue -> {
                        assertThat(issue.getCode().toCode()).isEqualTo("value");
                        assertThat(issue.getDiagnostics())
                                .contains("9912003890")
                                .contains("Modulus 11");
                    });
            assertNoErrors(validateThroughHub(ukCore(Patient.class, baby.replace("9912003890", "9912003896")), format));

            // The hub's events are its own (hub-event, one MessageDefinition each), and the sender is the ODS code.
            assertThat(errorsAt(validateThroughHub(ukCore(MessageHeader.class, discharge), format)))
                    .containsExactlyInAnyOrder(
                            "MessageHeader.eventCoding.system",
                            "MessageHeader.event.ofType(Coding)",
                            "MessageHeader.sender.identifier");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "UKCore-Bundle-AllergyList-Example.xml",
                "UKCore-Bundle-Batch-Example.xml",
                "UKCore-Bundle-BatchPOST-Example.xml",
                "UKCore-Bundle-NEWS2Observations-Example.xml",
                "UKCore-Bundle-Sn-NoAllergyData-Example.xml"
            })
    @DisplayName("Bundle/$validate on UK Core's collection, batch and searchset Bundles applies no message rules")
    void ukCoreBundles(String name) throws Exception {
        String published = resource("/ukcore/" + name);
        for (Format format : Format.values()) {
            OperationOutcome outcome = validateThroughHub(ukCore(Bundle.class, published), format);
            List<String> said = outcome.getIssue().stream()
                    .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .toList();
            assertThat(said)
                    .as("no message rule: nothing about a MessageHeader or " + HubProfiles.MESSAGE)
                    .noneMatch(text -> text.contains("MessageHeader") || text.contains(HubProfiles.MESSAGE));
            List<OperationOutcome.OperationOutcomeIssueComponent> errors = outcome.getIssue().stream()
                    .filter(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                    .toList();
            if (name.contains("NEWS2Observations")) {
                // Base R4, not a hub rule: a fullUrl is absolute, and this example's eight are 'Observation/<id>'.
                assertThat(errors)
                        .hasSize(8)
                        .allSatisfy(issue ->
                                assertThat(issue.getDiagnostics()).contains("fullUrl must be an absolute URL"));
            } else {
                assertThat(errors).as(name).isEmpty();
                assertThat(said).contains("Bundle conforms to base FHIR R4; the hub would accept it");
            }
        }
    }

    private static List<String> errorsAt(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                .map(issue -> issue.getExpression().get(0).getValue())
                .toList();
    }

    /** A UK Core example as published (FHIR XML). */
    private static <T extends IBaseResource> T ukCore(Class<T> type, String xml) {
        return FhirParsing.context().newXmlParser().parseResource(type, xml);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Reads an answer: 2xx, in the format asked for, of the type expected, and valid FHIR by HAPI's validator. */
    private <T extends IBaseResource> T read(HttpResponse<String> response, Format format, Class<T> type) {
        assertThat(response.statusCode())
                .as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isBetween(200, 299);
        return valid(response, format, type);
    }

    private <T extends IBaseResource> T valid(HttpResponse<String> response, Format format, Class<T> type) {
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("answer to " + response.uri() + " in " + format)
                .startsWith(format.mediaType);
        List<ValidationIssue> issues = VALIDATOR.validate(response.body());
        assertThat(issues.stream().filter(ValidationIssue::isError).toList())
                .as("HAPI's validator on the answer to " + response.request().method() + " " + response.uri()
                        + " (base R4 and the hub's profiles):\n" + response.body())
                .isEmpty();
        return format.decode(type, response.body());
    }

    private void refusal(HttpResponse<String> response, Format format, int status, String issueType) {
        assertThat(response.statusCode())
                .as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isEqualTo(status);
        OperationOutcome outcome = valid(response, format, OperationOutcome.class);
        assertThat(outcome.getIssue())
                .as(response.body())
                .isNotEmpty()
                .allSatisfy(issue -> assertThat(issue.getCode().toCode()).isEqualTo(issueType));
    }

    private static void assertNoErrors(OperationOutcome outcome) {
        assertThat(outcome.getIssue().stream()
                        .filter(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                                || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                        .map(issue -> issue.getExpression() + " " + issue.getDiagnostics())
                        .toList())
                .isEmpty();
    }

    private String pathOf(String absolute) {
        URI uri = URI.create(absolute);
        assertThat(uri.getPort()).isEqualTo(port);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String formatParameter(Format format) {
        return "?_format=" + (format == Format.JSON ? "json" : "xml");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** UK Core's published examples, kept once in the profiles module's test corpus. */
    private static String resource(String name) throws Exception {
        return java.nio.file.Files.readString(java.nio.file.Path.of("../profiles/src/test/resources" + name));
    }

    private static byte[] firstCarePlan() throws Exception {
        return new String(newDemoMessage(), StandardCharsets.UTF_8)
                .replace(FhirSamples.NHS, NHS)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] secondCarePlan() throws Exception {
        return new String(demoMessage(), StandardCharsets.UTF_8)
                .replace(FhirSamples.NHS, NHS)
                .replace(DEMO_MESSAGE_ID, java.util.UUID.randomUUID().toString())
                .replace("9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d", "9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5e")
                .replace("Falls prevention and hydration plan", "Medication review plan")
                .getBytes(StandardCharsets.UTF_8);
    }
}
