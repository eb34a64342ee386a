package org.vanguard.hub.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.profiles.validation.HubProfiles;

/**
 * HAPI FHIR's generic client, unmodified, as a provider system would use it against the hub over mutual TLS, in JSON
 * and in XML: it reads the CapabilityStatement, sends messages with {@code $process-message} about a patient of its
 * own, searches (GET and POST, chained, paged through next links), receives those messages as the recipient (the
 * mailbox listing and acknowledgement over the Apache HTTP client HAPI runs on, each delivery read by the generic
 * client), validates, and creates, reads and updates a Consent with its version checks. The client parses
 * every answer strictly, so an answer in the wrong format or not FHIR fails here.
 */
class HapiClientIT extends HubIntegrationTest {

    private static final String NHS = "9434765919";
    private static final String PURPOSE = "X-Purpose-Of-Use";
    private static final int MESSAGES = 3;

    private final Map<String, CloseableHttpClient> httpClients = new java.util.concurrent.ConcurrentHashMap<>();

    @TempDir
    Path scratch;

    private IGenericClient client(String ods, EncodingEnum encoding) throws Exception {
        return client(http(ods), encoding);
    }

    /** The Apache HTTP client HAPI's generic client runs on, with the participant's certificate. */
    private CloseableHttpClient http(String ods) throws Exception {
        return httpClients.computeIfAbsent(ods, o -> {
            try {
                return HttpClients.custom().setSSLContext(as(o).sslContext()).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private IGenericClient client(SSLContext ssl, EncodingEnum encoding) {
        return client(HttpClients.custom().setSSLContext(ssl).build(), encoding);
    }

    private IGenericClient client(CloseableHttpClient http, EncodingEnum encoding) {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setHttpClient(http);
        // HAPI reads the server's CapabilityStatement before the first request and checks its FHIR version.
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.ONCE);
        IGenericClient client = context.newRestfulGenericClient("https://localhost:" + port + "/fhir");
        client.setEncoding(encoding);
        return client;
    }

    @ParameterizedTest
    @EnumSource(
            value = EncodingEnum.class,
            names = {"JSON", "XML"})
    @DisplayName(
            "HAPI's generic client sends messages, searches and pages, receives and acknowledges them, and validates, in JSON and XML")
    void messageSearchReceiveAndValidate(EncodingEnum encoding) throws Exception {
        IGenericClient careHome = client("CH001", encoding);
        CapabilityStatement capabilities =
                careHome.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(capabilities.getRestFirstRep().getResource())
                .anySatisfy(resource -> assertThat(resource.getType()).isEqualTo("Patient"));

        // Three messages about a patient of this test's own: three care plans, so a page of one must have a next.
        String nhs = newPatient();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Bundle message = careHome.getFhirContext()
                    .newJsonParser()
                    .parseResource(Bundle.class, new String(newDemoMessageAbout(nhs), StandardCharsets.UTF_8));
            Bundle response = careHome.operation()
                    .processMessage()
                    .setMessageBundle(message)
                    .synchronous(Bundle.class)
                    .execute();
            MessageHeader header = (MessageHeader) response.getEntryFirstRep().getResource();
            assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
            assertThat("urn:uuid:" + header.getResponse().getIdentifier())
                    .as("answers this message's own MessageHeader")
                    .isEqualTo(message.getEntryFirstRep().getFullUrl());
            assertThat(header.getSender().getIdentifier().getValue()).isNotBlank();
            sent.add(response.getIdentifier().getValue());
        }
        assertThat(sent).doesNotContainNull().doesNotHaveDuplicates();
        awaitDispatched();

        IGenericClient gp = client("G81001", encoding);
        Bundle patients = gp.search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(HubProfiles.NHS_NUMBER_SYSTEM, nhs))
                .withAdditionalHeader(PURPOSE, "TREAT")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(patients.getTotal())
                .as("the one Patient record the care home shared")
                .isEqualTo(1);
        assertThat(patients.getEntryFirstRep().getFullUrl()).startsWith("https://localhost:" + port + "/fhir/Patient/");
        Patient patient = (Patient) patients.getEntryFirstRep().getResource();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(nhs);

        Bundle byPost = gp.search()
                .forResource(Patient.class)
                .usingStyle(SearchStyleEnum.POST)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(HubProfiles.NHS_NUMBER_SYSTEM, nhs))
                .withAdditionalHeader(PURPOSE, "TREAT")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byPost.getTotal()).isEqualTo(1);

        Bundle page = gp.search()
                .forResource(CarePlan.class)
                .where(CarePlan.PATIENT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(HubProfiles.NHS_NUMBER_SYSTEM, nhs)))
                .count(1)
                .withAdditionalHeader(PURPOSE, "TREAT")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(page.getTotal()).as("one care plan per message").isEqualTo(MESSAGES);
        Set<String> plans = new LinkedHashSet<>();
        for (int pages = 1; ; pages++) {
            assertThat(page.getLink(Bundle.LINK_SELF))
                    .as("page %d has a self link", pages)
                    .isNotNull();
            assertThat(page.getEntry()).as("page %d", pages).hasSize(1);
            plans.add(page.getEntryFirstRep().getFullUrl());
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                assertThat(pages).as("a page of one for each care plan").isEqualTo(MESSAGES);
                break;
            }
            assertThat(pages).as("no more pages than care plans").isLessThan(MESSAGES);
            page = gp.loadPage()
                    .next(page)
                    .withAdditionalHeader(PURPOSE, "TREAT")
                    .execute();
        }
        assertThat(plans).as("paging visits each care plan once").hasSize(MESSAGES);

        // As the recipient: what the care home sent waits in G81001's mailbox; read each delivery and acknowledge it.
        Map<String, String> deliveries = awaitDeliveries(sent);
        for (Map.Entry<String, String> delivery : deliveries.entrySet()) {
            Bundle received = gp.fetchResourceFromUrl(
                    Bundle.class, "https://localhost:" + port + "/mailbox/messages/" + delivery.getValue());
            assertThat(received.getType()).isEqualTo(Bundle.BundleType.MESSAGE);
            assertThat(received.getIdentifier().getValue())
                    .as("the delivery of the message this test sent")
                    .isEqualTo(delivery.getKey());
            assertThat(received.getEntry())
                    .extracting(entry -> entry.getResource())
                    .filteredOn(Patient.class::isInstance)
                    .singleElement()
                    .satisfies(p -> assertThat(
                                    ((Patient) p).getIdentifierFirstRep().getValue())
                            .isEqualTo(nhs));
            assertThat(mailbox("POST", "/mailbox/messages/" + delivery.getValue() + "/ack")
                            .getStatusLine()
                            .getStatusCode())
                    .isEqualTo(204);
        }
        assertThat(mailboxListing())
                .as("acknowledged deliveries leave the mailbox")
                .doesNotContainKeys(sent.toArray(String[]::new));

        MethodOutcome validated = gp.validate().resource(patient).execute();
        assertThat(((OperationOutcome) validated.getOperationOutcome()).getIssue())
                .noneSatisfy(issue -> assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR));
    }

    /** Waits until every sent message has a delivery in G81001's mailbox: hub message id -> delivery id. */
    private Map<String, String> awaitDeliveries(List<String> hubMessageIds) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(this::mailboxListing, listing -> listing.keySet().containsAll(hubMessageIds))
                .entrySet()
                .stream()
                .filter(entry -> hubMessageIds.contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** G81001's mailbox listing (not a FHIR resource) over the HTTP client HAPI uses: hub message id -> delivery id. */
    private Map<String, String> mailboxListing() throws Exception {
        try (CloseableHttpResponse listing = mailbox("GET", "/mailbox/messages")) {
            assertThat(listing.getStatusLine().getStatusCode()).isEqualTo(200);
            String body = EntityUtils.toString(listing.getEntity(), StandardCharsets.UTF_8);
            List<Map<String, Object>> messages = JsonPath.read(body, "$.messages");
            Map<String, String> byMessage = new java.util.HashMap<>();
            messages.forEach(m -> byMessage.put((String) m.get("messageId"), (String) m.get("id")));
            return byMessage;
        }
    }

    private CloseableHttpResponse mailbox(String method, String path) throws Exception {
        String url = "https://localhost:" + port + path;
        HttpUriRequest request = method.equals("POST") ? new HttpPost(url) : new HttpGet(url);
        CloseableHttpResponse response = http("G81001").execute(request);
        if (method.equals("POST")) {
            response.close();
        }
        return response;
    }

    @ParameterizedTest
    @EnumSource(
            value = EncodingEnum.class,
            names = {"JSON", "XML"})
    @DisplayName("HAPI's generic client creates a Consent conditionally, reads it back and updates it with If-Match")
    void consent(EncodingEnum encoding) throws Exception {
        IGenericClient careHome = client("CH001", encoding);
        String identifier = "urn:uuid:" + UUID.randomUUID();
        Consent consent = org.vanguard.hub.conformance.FhirSamples.consent(identifier);

        MethodOutcome created = careHome.create()
                .resource(consent)
                .conditional()
                .where(Consent.IDENTIFIER.exactly().systemAndIdentifier("urn:ietf:rfc:3986", identifier))
                .execute();
        assertThat(created.getCreated()).isTrue();
        IdType id = (IdType) created.getId();
        assertThat(id.getVersionIdPart()).isEqualTo("1");

        MethodOutcome again = careHome.create()
                .resource(consent)
                .conditional()
                .where(Consent.IDENTIFIER.exactly().systemAndIdentifier("urn:ietf:rfc:3986", identifier))
                .execute();
        assertThat(again.getCreated())
                .as("a conditional create that matches creates nothing")
                .isNotEqualTo(Boolean.TRUE);

        Consent read =
                careHome.read().resource(Consent.class).withId(id.getIdPart()).execute();
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
        read.setStatus(Consent.ConsentState.INACTIVE);
        MethodOutcome updated = careHome.update()
                .resource(read)
                .withId(new IdType("Consent", id.getIdPart()))
                .withAdditionalHeader("If-Match", "W/\"1\"")
                .execute();
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
        assertThatThrownBy(() -> careHome.update()
                        .resource(read)
                        .withId(new IdType("Consent", id.getIdPart()))
                        .withAdditionalHeader("If-Match", "W/\"1\"")
                        .execute())
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> client("G81001", encoding)
                        .read()
                        .resource(Consent.class)
                        .withId(id.getIdPart())
                        .execute())
                .as("another participant's Consent is not there for it")
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    @DisplayName("a client holding only its leaf certificate (no issuing CA, no root) is accepted on HTTPS")
    void leafCertificateOnly() throws Exception {
        LeafOnlyCredentials leaf = LeafOnlyCredentials.of(dataDir.resolve("pki/participants/G81001.p12"), scratch);
        HubClient leafOnly = HubClient.of(leaf.pkcs12(), caPem(), port);
        assertThat(leafOnly.get("/fhir/metadata").statusCode()).isEqualTo(200);
        CapabilityStatement statement = client(leafOnly.sslContext(), EncodingEnum.XML)
                .capabilities()
                .ofType(CapabilityStatement.class)
                .execute();
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
    }
}
