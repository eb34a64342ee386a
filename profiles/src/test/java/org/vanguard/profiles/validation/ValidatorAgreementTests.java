package org.vanguard.profiles.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;

/**
 * The differential test: over a generated corpus of valid and invalid resources, the fast path (parse,
 * then {@link FastProfileValidator}) and HAPI's full validator over the hub's StructureDefinitions give the
 * same accept/reject verdict for every resource, and it is the verdict the corpus expects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidatorAgreementTests {

    private static final List<Corpus.Case> CORPUS = Corpus.generate();

    private FullProfileValidator full;

    /** A profile that only a FHIR package in the configured directory defines: Patients must have a birth date. */
    private static final String PACKAGE_PROFILE = "https://example.org/fhir/StructureDefinition/dated-patient";

    @BeforeAll
    void buildFullValidator(@TempDir Path packages) throws IOException {
        writePackage(packages.resolve("example.dated-patient-0.1.0.tgz"));
        full = new FullProfileValidator(Optional.of(packages));
        full.warmUp();
    }

    @Test
    @DisplayName("a FHIR package in the configured directory is loaded at start and its profiles are enforced")
    void packageDirectoryLoaded() {
        Patient patient = (Patient) FhirParsing.standard()
                .parse(
                        CORPUS.get(0).body().getBytes(StandardCharsets.UTF_8),
                        CORPUS.get(0).format().mediaType());
        patient.setBirthDate(null);
        patient.getMeta().addProfile(PACKAGE_PROFILE);

        assertThat(full.validate(patient))
                .filteredOn(ValidationIssue::isError)
                .anySatisfy(issue -> assertThat(issue.text()).contains("birthDate"));
    }

    private static void writePackage(Path file) throws IOException {
        String manifest = "{\"name\":\"example.dated-patient\",\"version\":\"0.1.0\",\"fhirVersions\":[\"4.0.1\"],"
                + "\"dependencies\":{\"hl7.fhir.r4.core\":\"4.0.1\"}}";
        String profile = "{\"resourceType\":\"StructureDefinition\",\"id\":\"dated-patient\",\"url\":\""
                + PACKAGE_PROFILE + "\","
                + "\"name\":\"DatedPatient\",\"status\":\"active\",\"fhirVersion\":\"4.0.1\",\"kind\":\"resource\","
                + "\"abstract\":false,\"type\":\"Patient\",\"baseDefinition\":\"http://hl7.org/fhir/StructureDefinition/Patient\","
                + "\"derivation\":\"constraint\",\"differential\":{\"element\":[{\"id\":\"Patient.birthDate\","
                + "\"path\":\"Patient.birthDate\",\"min\":1}]}}";
        try (TarArchiveOutputStream tar =
                new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(file)))) {
            for (String[] entry : new String[][] {
                {"package/package.json", manifest}, {"package/StructureDefinition-dated-patient.json", profile}
            }) {
                byte[] bytes = entry[1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry[0]);
                tarEntry.setSize(bytes.length);
                tar.putArchiveEntry(tarEntry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
    }

    static Stream<Corpus.Case> corpus() {
        return CORPUS.stream();
    }

    @Test
    @DisplayName("the corpus holds at least 300 resources, valid and invalid, JSON and XML")
    void corpusIsLargeAndMixed() {
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(300);
        assertThat(CORPUS).filteredOn(Corpus.Case::valid).hasSizeGreaterThanOrEqualTo(50);
        assertThat(CORPUS).filteredOn(c -> !c.valid()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(CORPUS).filteredOn(c -> c.format() == FhirFormat.XML).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    @DisplayName("each hub StructureDefinition, written as a differential, has a snapshot generated at start")
    void snapshotsGenerated() {
        assertThat(full.profiles())
                .extracting(p -> p.getUrl())
                .containsExactlyInAnyOrderElementsOf(HubProfiles.byType().values());
        assertThat(full.profiles())
                .allSatisfy(p -> assertThat(p.getSnapshot().getElement()).hasSizeGreaterThan(20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("the fast path and HAPI's full validator give the same verdict, the one the corpus expects")
    void bothValidatorsAgree(Corpus.Case c) {
        List<InputIssue> fastIssues = fast(c);
        List<ValidationIssue> fullErrors = full.validate(c.body()).stream()
                .filter(ValidationIssue::isError)
                .toList();

        assertThat(fullErrors.isEmpty())
                .as("HAPI's verdict on %s: %s", c, fullErrors)
                .isEqualTo(c.valid());
        assertThat(fastIssues.isEmpty())
                .as("the fast path's verdict on %s: %s", c, fastIssues)
                .isEqualTo(c.valid());
    }

    static List<InputIssue> fast(Corpus.Case c) {
        try {
            Resource resource = FhirParsing.standard()
                    .parse(c.body().getBytes(StandardCharsets.UTF_8), c.format().mediaType());
            return FastProfileValidator.standard().validate(resource);
        } catch (FhirInputException e) {
            return e.issues();
        }
    }
}
