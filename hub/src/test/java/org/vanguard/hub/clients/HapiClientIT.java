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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
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
 * and in XML: it reads the CapabilityStatement, sends a message with {@code $process-message}, searches (GET and POST,
 * chained, paged), validates, and creates, reads and updates a Consent with its version checks. The client parses
 * every answer strictly, so an answer in the wrong format or not FHIR fails here.
 */
class HapiClientIT extends HubIntegrationTest {

    private static final String NHS = "9434765919";
    private static final String PURPOSE = "X-Purpose-Of-Use";

    @TempDir
    Path scratch;

    private IGenericClient client(String ods, EncodingEnum encoding) throws Exception {
        return client(as(ods).sslContext(), encoding);
    }

    private IGenericClient client(SSLContext ssl, EncodingEnum encoding) {
        FhirContext context = FhirContext.forR4();
        CloseableHttpClient http = HttpClients.custom().setSSLContext(ssl).build();
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
    @DisplayName("HAPI's generic client sends a message, then searches, pages and validates, in JSON and XML")
    void messageSearchAndValidate(EncodingEnum encoding) throws Exception {
        IGenericClient careHome = client("CH001", encoding);
        CapabilityStatement capabilities =
                careHome.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(capabilities.getRestFirstRep().getResource())
                .anySatisfy(resource -> assertThat(resource.getType()).isEqualTo("Patient"));

        Bundle message = careHome.getFhirContext()
                .newJsonParser()
                .parseResource(Bundle.class, new String(demoMessage(), StandardCharsets.UTF_8));
        message.getEntryFirstRep().getResource().setId(UUID.randomUUID().toString());
        Bundle response = careHome.operation()
                .processMessage()
                .setMessageBundle(message)
                .synchronous(Bundle.class)
                .execute();
        MessageHeader header = (MessageHeader) response.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
        assertThat(header.getSender().getIdentifier().getValue()).isNotBlank();
        awaitDispatched();

        IGenericClient gp = client("G81001", encoding);
        Bundle patients = gp.search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(HubProfiles.NHS_NUMBER_SYSTEM, NHS))
                .withAdditionalHeader(PURPOSE, "TREAT")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(patients.getEntry()).isNotEmpty();
        assertThat(patients.getEntryFirstRep().getFullUrl()).startsWith("https://localhost:" + port + "/fhir/Patient/");

        Bundle byPost = gp.search()
                .forResource(Patient.class)
                .usingStyle(SearchStyleEnum.POST)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(HubProfiles.NHS_NUMBER_SYSTEM, NHS))
                .withAdditionalHeader(PURPOSE, "TREAT")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(byPost.getTotal()).isEqualTo(patients.getTotal());

        Bundle plans = gp.search()
                .forResource(CarePlan.class)
                .where(CarePlan.PATIENT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(HubProfiles.NHS_NUMBER_SYSTEM, NHS)))
                .count(1)
                .withAdditionalHeader(PURPOSE, "TREAT")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(plans.getEntry()).hasSize(1);
        if (plans.getTotal() > 1) {
            Bundle next = gp.loadPage()
                    .next(plans)
                    .withAdditionalHeader(PURPOSE, "TREAT")
                    .execute();
            assertThat(next.getEntry()).hasSize(1);
        }

        Patient patient = (Patient) patients.getEntryFirstRep().getResource();
        MethodOutcome validated = gp.validate().resource(patient).execute();
        assertThat(((OperationOutcome) validated.getOperationOutcome()).getIssue())
                .noneSatisfy(issue -> assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR));
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
