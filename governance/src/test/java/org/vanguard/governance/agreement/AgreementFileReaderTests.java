package org.vanguard.governance.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.fixtures.Participants;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.participant.ParticipantFileReader;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.yaml.GovernanceFileException;

class AgreementFileReaderTests {

    private static final String FILE = "isa-test.yaml";

    /** A valid agreement; each refusal test changes one line of it. */
    private static final String VALID = """
            id: ISA-TEST-DC
            version: 1
            title: Rosewood and Elm Tree - direct care
            status: active
            effective:
              start: 2026-01-01
              end: 2030-12-31
            reviewDate: 2027-06-30
            parties:
              - ods: CH001
                role: controller
                signatory: Registered Manager
              - ods: G81001
                role: controller
                signatory: Caldicott Guardian
            purposes:
              - code: TREAT
                article6: "6(1)(e) public task"
                article9: "9(2)(h) health or social care"
                gateway: implied-consent
            flows:
              - from: [CH001]
                to: [G81001]
                resourceTypes: [Patient, CarePlan]
                purposes: [TREAT]
            """;

    private final AgreementFileReader reader = new AgreementFileReader(Participants.demo());

    // ---- the demo agreements -------------------------------------------------------------------

    private static ParticipantDirectory demoParticipants() throws IOException {
        return new ParticipantFileReader()
                .read("participants.yaml", Files.readString(Path.of("demo/participants.yaml"), StandardCharsets.UTF_8));
    }

    private static Agreement readDemo(String name) throws IOException {
        Path path = Path.of("demo/agreements", name);
        return new AgreementFileReader(demoParticipants()).read(name, Files.readString(path, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the demo care home and GP agreement reads as two active direct-care flows, one each way")
    void readsDemoCareHomeAgreement() throws IOException {
        Agreement agreement = readDemo("isa-ch001-g81001-direct-care.yaml");

        assertThat(agreement.id()).isEqualTo("ISA-CH001-G81001-DC");
        assertThat(agreement.version()).isEqualTo(1);
        assertThat(agreement.status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(agreement.effective())
                .isEqualTo(new EffectivePeriod(LocalDate.of(2026, 1, 1), Optional.of(LocalDate.of(2030, 12, 31))));
        assertThat(agreement.reviewDate()).contains(LocalDate.of(2027, 6, 30));
        assertThat(agreement.parties())
                .extracting(Party::ods)
                .containsExactly(OdsCode.of("CH001"), OdsCode.of("G81001"));
        assertThat(agreement.parties()).extracting(Party::role).containsOnly(PartyRole.CONTROLLER);
        assertThat(agreement.termsFor(Purpose.TREAT))
                .get()
                .extracting(PurposeTerms::gateway)
                .isEqualTo(LawfulGateway.IMPLIED_CONSENT);
        assertThat(agreement.flows()).hasSize(2);
        assertThat(agreement
                        .flows()
                        .get(0)
                        .covers(OdsCode.of("CH001"), OdsCode.of("G81001"), "CarePlan", Purpose.TREAT))
                .isTrue();
        assertThat(agreement.flows().get(1).covers(OdsCode.of("G81001"), OdsCode.of("CH001"), "Patient", Purpose.TREAT))
                .isTrue();
        assertThat(agreement.flows().get(1).clause()).isEqualTo("flows[1]");
    }

    @Test
    @DisplayName("the demo frailty MDT agreement lets three organisations send to the MDT and nothing back")
    void readsDemoMdtAgreement() throws IOException {
        Agreement agreement = readDemo("isa-frailty-mdt-direct-care.yaml");

        assertThat(agreement.id()).isEqualTo("ISA-MDT01-DC");
        assertThat(agreement.parties()).hasSize(4).extracting(Party::role).containsOnly(PartyRole.JOINT_CONTROLLER);
        Flow flow = agreement.flows().get(0);
        assertThat(flow.from()).containsExactlyInAnyOrder(OdsCode.of("CH001"), OdsCode.of("G81001"), OdsCode.of("RCP"));
        assertThat(flow.to()).containsExactly(OdsCode.of("MDT01"));
        assertThat(flow.resourceTypes()).containsExactlyInAnyOrder("Patient", "CarePlan");
        assertThat(flow.covers(OdsCode.of("MDT01"), OdsCode.of("CH001"), "CarePlan", Purpose.TREAT))
                .isFalse();
    }

    @Test
    @DisplayName("every demo agreement file reads against the demo participants")
    void readsEveryDemoAgreement() throws IOException {
        ParticipantDirectory participants = demoParticipants();
        List<Path> files;
        try (var stream = Files.list(Path.of("demo/agreements"))) {
            files = stream.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Agreement> agreements = files.stream()
                .map(p -> {
                    try {
                        return new AgreementFileReader(participants)
                                .read(p.getFileName().toString(), Files.readString(p));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();

        assertThat(agreements)
                .extracting(Agreement::id)
                .containsExactlyInAnyOrder("ISA-CH001-G81001-DC", "ISA-MDT01-DC", "ISA-G81001-RCP-RS");
        assertThat(new AgreementCatalogue(agreements).all()).hasSize(3);
    }

    @Test
    @DisplayName("the test's base agreement text is itself valid, so each refusal below is caused by its one change")
    void baseTextIsValid() {
        Agreement agreement = reader.read(FILE, VALID);

        assertThat(agreement.id()).isEqualTo("ISA-TEST-DC");
        assertThat(agreement.flows()).hasSize(1);
    }

    // ---- refusals, each at the line of the value at fault ---------------------------------------------

    @Test
    @DisplayName("an unknown purpose code is refused at its line, naming the code")
    void refusesUnknownPurposeCode() {
        String text = VALID.replace("  - code: TREAT", "  - code: TREATMENT");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(17).isEqualTo(lineOf(text, "code: TREATMENT"));
        assertThat(e.reason()).contains("purposes[0].code").contains("unknown purpose of use 'TREATMENT'");
        assertThat(e.getMessage()).startsWith("isa-test.yaml:17: ");
    }

    @Test
    @DisplayName("an unknown purpose code in a flow is refused at the flow's purposes line")
    void refusesUnknownFlowPurpose() {
        String text = VALID.replace("purposes: [TREAT]", "purposes: [RESEARCH]");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "purposes: [RESEARCH]"));
        assertThat(e.reason()).contains("unknown purpose of use 'RESEARCH'");
    }

    @Test
    @DisplayName("a party that is not a participant of the vanguard is refused at its ODS line")
    void refusesPartyThatIsNotAParticipant() {
        String text = VALID.replace("  - ods: G81001", "  - ods: X99999");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(13).isEqualTo(lineOf(text, "ods: X99999"));
        assertThat(e.reason())
                .contains("parties[1].ods")
                .contains("party X99999 is not a participant of this vanguard");
    }

    @Test
    @DisplayName("a party whose ODS code is malformed is refused at its line")
    void refusesMalformedPartyCode() {
        String text = VALID.replace("  - ods: CH001", "  - ods: CH-001");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "ods: CH-001"));
        assertThat(e.reason()).contains("is not an ODS code");
    }

    @Test
    @DisplayName("an effective period that ends before it starts is refused at the period")
    void refusesReversedPeriod() {
        String text = VALID.replace("  end: 2030-12-31", "  end: 2025-12-31");

        GovernanceFileException e = refusal(text);

        // The period is reported where it begins, with its start date.
        assertThat(e.line()).isEqualTo(lineOf(text, "start: 2026-01-01"));
        assertThat(e.reason()).contains("effective").contains("ends (2025-12-31) before it starts (2026-01-01)");
    }

    @Test
    @DisplayName("a date that is not YYYY-MM-DD is refused at its line")
    void refusesBadDate() {
        String text = VALID.replace("reviewDate: 2027-06-30", "reviewDate: 30/06/2027");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "reviewDate: 30/06/2027"));
        assertThat(e.reason()).contains("must be a date as YYYY-MM-DD");
    }

    @Test
    @DisplayName("a version that is not a whole number is refused at its line")
    void refusesNonNumericVersion() {
        String text = VALID.replace("version: 1", "version: one");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("must be a whole number, not 'one'");
    }

    @Test
    @DisplayName("a flow without resourceTypes is refused at the flow")
    void refusesFlowWithoutResourceTypes() {
        String text = VALID.replace("    resourceTypes: [Patient, CarePlan]\n", "");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "- from: [CH001]"));
        assertThat(e.reason()).contains("flows[0]").contains("'resourceTypes' is required");
    }

    @Test
    @DisplayName("a flow with an empty list of resource types shares nothing and is refused at the flow")
    void refusesFlowWithEmptyResourceTypes() {
        String text = VALID.replace("resourceTypes: [Patient, CarePlan]", "resourceTypes: []");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "- from: [CH001]"));
        assertThat(e.reason()).contains("flows[0]").contains("a flow names at least one resource type");
    }

    @Test
    @DisplayName("a resource type the hub does not share is refused at its line")
    void refusesUnshareableResourceType() {
        String text = VALID.replace("resourceTypes: [Patient, CarePlan]", "resourceTypes: [Patient, Observation]");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "resourceTypes: [Patient, Observation]"));
        assertThat(e.reason()).contains("resource type 'Observation' is not one the hub shares");
    }

    @Test
    @DisplayName(
            "a flow naming an organisation that is not a party to the agreement is refused, naming flow and organisation")
    void refusesFlowNamingNonParty() {
        // RAC is a participant of the vanguard but not a party to this agreement.
        String text = VALID.replace("to: [G81001]", "to: [RAC]");

        GovernanceFileException e = refusal(text);

        assertThat(e.reason()).contains("flows[0] names RAC, which is not a party to agreement ISA-TEST-DC");
        assertThat(e.line()).isPositive();
    }

    @Test
    @DisplayName("a flow naming an organisation that is not a party is refused at that flow's line")
    void refusesFlowNamingNonPartyAtItsLine() {
        String text = VALID.replace("to: [G81001]", "to: [RAC]");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "to: [RAC]"));
    }

    @Test
    @DisplayName("a flow using a purpose the agreement gives no legal basis for is refused, naming flow and purpose")
    void refusesFlowPurposeWithoutLegalBasis() {
        String text = VALID.replace("purposes: [TREAT]", "purposes: [TREAT, POPHLTH]");

        GovernanceFileException e = refusal(text);

        assertThat(e.reason())
                .contains(
                        "flows[0] uses purpose POPHLTH, which agreement ISA-TEST-DC does not list with a legal basis");
    }

    @Test
    @DisplayName("a misspelt key in a flow is refused at its line rather than silently ignored")
    void refusesUnknownFlowKey() {
        String text = VALID.replace("resourceTypes: [Patient, CarePlan]", "resourceType: [Patient, CarePlan]");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(24).isEqualTo(lineOf(text, "resourceType: [Patient, CarePlan]"));
        assertThat(e.reason()).contains("unknown key 'resourceType'").contains("resourceTypes");
    }

    @Test
    @DisplayName("a misspelt top-level key is refused at its line")
    void refusesUnknownTopLevelKey() {
        String text = VALID.replace("reviewDate: 2027-06-30", "reviewdate: 2027-06-30");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).contains("unknown key 'reviewdate'");
    }

    @Test
    @DisplayName("text that is not valid YAML is refused at the line the parser stops")
    void refusesInvalidYaml() {
        String text = VALID.replace(
                "    role: controller\n    signatory: Registered Manager",
                "    role: controller\n\tsignatory: Registered Manager");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "\tsignatory: Registered Manager"));
        assertThat(e.reason()).startsWith("not valid YAML");
    }

    @Test
    @DisplayName("an unknown agreement status is refused at its line, naming the statuses that exist")
    void refusesUnknownStatus() {
        String text = VALID.replace("status: active", "status: aktive");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason())
                .contains("unknown agreement status 'aktive'")
                .contains("[draft, active, suspended, expired, terminated]");
    }

    @Test
    @DisplayName("an unknown common-law gateway is refused at its line")
    void refusesUnknownGateway() {
        String text = VALID.replace("gateway: implied-consent", "gateway: implied");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "gateway: implied"));
        assertThat(e.reason()).contains("unknown common-law gateway 'implied'");
    }

    @Test
    @DisplayName("a purpose without its Article 9 condition is refused at the purpose")
    void refusesPurposeWithoutArticle9() {
        String text = VALID.replace("    article9: \"9(2)(h) health or social care\"\n", "");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "- code: TREAT"));
        assertThat(e.reason()).contains("'article9' is required");
    }

    @Test
    @DisplayName("an agreement without an id is refused")
    void refusesMissingId() {
        String text = VALID.replace("id: ISA-TEST-DC\n", "");

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).contains("'id' is required");
    }

    @Test
    @DisplayName("an agreement id that could reach a path (slashes, dots first, spaces) is refused at its line")
    void refusesUnsafeId() {
        for (String id : new String[] {"../../etc/passwd", "ISA/TEST", "..hidden", "ISA TEST", "x".repeat(65)}) {
            String text = VALID.replace("id: ISA-TEST-DC\n", "id: \"" + id + "\"\n");

            GovernanceFileException e = refusal(text);

            assertThat(e.line()).as(id).isEqualTo(lineOf(text, "id: "));
            assertThat(e.reason()).as(id).containsAnyOf("pattern", "letters, digits");
        }
    }

    @Test
    @DisplayName("an empty file is refused as a whole")
    void refusesEmptyFile() {
        GovernanceFileException e = refusal("# nothing here\n");

        assertThat(e.line()).isZero();
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.reason()).contains("empty");
    }

    @Test
    @DisplayName("a key given twice is refused, so a later line can never silently lose to an earlier one")
    void refusesDuplicateKey() {
        String text = VALID + "status: suspended\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.reason()).containsIgnoringCase("duplicate");
    }

    // ---- data scope and accountability (optional keys) ---------------------------------------------------

    @Test
    @DisplayName(
            "an agreement without data scope or accountability keys shares whole identifiable records and nothing sensitive")
    void defaultsWithoutScope() {
        Agreement agreement = reader.read(FILE, VALID);

        assertThat(agreement.dataScope()).isEqualTo(DataScope.wholeRecords());
        assertThat(agreement.dataScope().sensitiveCategories()).isEmpty();
        assertThat(agreement.accountability()).isEqualTo(Accountability.unrecorded());
        assertThat(agreement.termsFor(Purpose.TREAT))
                .get()
                .extracting(PurposeTerms::optOutExemption)
                .isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName(
            "the demo care home and GP agreement records its data scope, retention per recipient, DPIA, breach contact and privacy notice")
    void readsDemoScopeAndAccountability() throws IOException {
        Agreement agreement = readDemo("isa-ch001-g81001-direct-care.yaml");

        assertThat(agreement.dataScope().identifiability()).isEqualTo(Identifiability.IDENTIFIABLE);
        assertThat(agreement.dataScope().elementsOf("Patient"))
                .get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .contains("identifier", "name", "address")
                .doesNotContain("photo");
        assertThat(agreement.dataScope().elementsOf("CarePlan"))
                .get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .contains("status", "intent", "subject", "activity");
        assertThat(agreement.dataScope().sensitiveCategories())
                .containsExactlyInAnyOrder(
                        org.vanguard.governance.sensitivity.SensitiveCategory.MENTAL_HEALTH,
                        org.vanguard.governance.sensitivity.SensitiveCategory.SAFEGUARDING);
        assertThat(agreement.accountability().retentionOf(OdsCode.of("G81001"))).contains(java.time.Period.ofYears(10));
        assertThat(agreement.accountability().dpiaReference()).get().asString().startsWith("DPIA-2025-017");
        assertThat(agreement.accountability().breachContact()).contains("ig.team@elmtree-surgery.example.nhs.uk");
        assertThat(agreement.accountability().privacyNotice()).get().asString().startsWith("https://");
    }

    @Test
    @DisplayName("a recorded National Data Opt-out exemption is read with its purpose")
    void readsOptOutExemption() {
        String text = VALID.replace(
                "    gateway: implied-consent\n",
                "    gateway: implied-consent\n    optOutExemption: CAG 21/CAG/0042\n");

        Agreement agreement = reader.read(FILE, text);

        assertThat(agreement.termsFor(Purpose.TREAT).orElseThrow().optOutExemption())
                .contains("CAG 21/CAG/0042");
    }

    @Test
    @DisplayName("a misspelt data scope key is refused at its line")
    void refusesUnknownScopeKey() {
        String text = VALID + "dataScope:\n  identifiability: identifiable\n  sensitive: [mental-health]\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "sensitive: [mental-health]"));
        assertThat(e.reason()).contains("unknown key 'sensitive'");
    }

    @Test
    @DisplayName("an unknown sensitive category is refused at its line, naming the categories that exist")
    void refusesUnknownSensitiveCategory() {
        String text = VALID + "dataScope:\n  sensitiveCategories:\n    - mental-health\n    - hiv-status\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "- hiv-status"));
        assertThat(e.reason())
                .contains("unknown sensitive category 'hiv-status'")
                .contains("sexual-health-hiv");
    }

    @Test
    @DisplayName(
            "the forms of quasi-identifiers are read: birth date as a five-year band, address as its postcode district")
    void readsGeneralisedForms() {
        String text = VALID
                + "dataScope:\n  identifiability: pseudonymised\n  generalise:\n    Patient.birthDate: five-year-band\n"
                + "    Patient.address: postcode-district\n";

        DataScope scope = reader.read(FILE, text).dataScope();

        assertThat(scope.formOf("Patient.birthDate")).isEqualTo(GeneralisedForm.FIVE_YEAR_BAND);
        assertThat(scope.formOf("Patient.address")).isEqualTo(GeneralisedForm.POSTCODE_DISTRICT);
    }

    @Test
    @DisplayName("a form an element cannot take, or an element the hub does not generalise, is refused at its line")
    void refusesBadGeneralisedForm() {
        String badForm =
                VALID + "dataScope:\n  identifiability: pseudonymised\n  generalise:\n    Patient.address: year\n";
        GovernanceFileException e = refusal(badForm);
        assertThat(e.line()).isEqualTo(lineOf(badForm, "Patient.address: year"));
        assertThat(e.reason())
                .contains("Patient.address cannot take the form 'year'")
                .contains("postcode-district");

        String badElement =
                VALID + "dataScope:\n  identifiability: pseudonymised\n  generalise:\n    Patient.gender: omit\n";
        GovernanceFileException other = refusal(badElement);
        assertThat(other.line()).isEqualTo(lineOf(badElement, "Patient.gender: omit"));
        assertThat(other.reason()).contains("'Patient.gender' is not a quasi-identifier");

        String unknown = VALID + "dataScope:\n  generalise:\n    Patient.birthDate: decade\n";
        assertThat(refusal(unknown).reason()).contains("unknown generalised form 'decade'");
    }

    @Test
    @DisplayName("the demo risk-stratification agreement keeps birth year and postcode district for its processor")
    void demoRiskStratificationGeneralises() throws IOException {
        DataScope scope = readDemo("isa-g81001-rcp-risk-stratification.yaml").dataScope();

        assertThat(scope.identifiability()).isEqualTo(Identifiability.PSEUDONYMISED);
        assertThat(scope.formOf("Patient.birthDate")).isEqualTo(GeneralisedForm.YEAR);
        assertThat(scope.formOf("Patient.address")).isEqualTo(GeneralisedForm.POSTCODE_DISTRICT);
        assertThat(scope.elementsOf("Patient"))
                .get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .contains("birthDate", "address");
    }

    @Test
    @DisplayName("an unknown identifiability is refused at its line")
    void refusesUnknownIdentifiability() {
        String text = VALID + "dataScope:\n  identifiability: masked\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "identifiability: masked"));
        assertThat(e.reason()).contains("unknown identifiability 'masked'");
    }

    @Test
    @DisplayName("a data scope for a resource type no flow shares is refused at its line")
    void refusesScopeForUnsharedType() {
        String text = VALID + "dataScope:\n  elements:\n    Consent: [status]\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "Consent: [status]"));
        assertThat(e.reason()).contains("the data scope names Consent, which none of the agreement's flows shares");
    }

    @Test
    @DisplayName("an element name that is not a top-level FHIR element name is refused at its list")
    void refusesBadElementName() {
        String text = VALID + "dataScope:\n  elements:\n    Patient: [name, Address.line]\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "Patient: [name, Address.line]"));
        assertThat(e.reason()).contains("'Address.line' is not a top-level element name of Patient");
    }

    @Test
    @DisplayName("a retention period that is not an ISO 8601 period is refused at its line")
    void refusesBadRetentionPeriod() {
        String text = VALID + "retention:\n  - recipient: G81001\n    period: 8 years\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "period: 8 years"));
        assertThat(e.reason()).contains("must be an ISO 8601 period such as P8Y");
    }

    @Test
    @DisplayName("retention set for an organisation that is not a party is refused at its line")
    void refusesRetentionForNonParty() {
        String text = VALID + "retention:\n  - recipient: RAC\n    period: P8Y\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "recipient: RAC"));
        assertThat(e.reason()).contains("retention is set for RAC, which is not a party to the agreement");
    }

    @Test
    @DisplayName("a privacy notice that patients cannot open as a web address is refused at its line")
    void refusesPrivacyNoticeThatIsNotAWebAddress() {
        String text = VALID + "privacyNotice: see the notice board\n";

        GovernanceFileException e = refusal(text);

        assertThat(e.line()).isEqualTo(lineOf(text, "privacyNotice: see the notice board"));
    }

    @Test
    @DisplayName("a purpose listed twice is refused at its second code")
    void refusesDuplicatePurpose() {
        String text = VALID.replace(
                "flows:\n", "  - code: TREAT\n    article6: a\n    article9: b\n    gateway: s251\nflows:\n");

        GovernanceFileException e = refusal(text);

        assertThat(e.reason()).contains("purpose TREAT is listed twice");
        assertThat(e.line()).isEqualTo(lineOf(text, "gateway: s251") - 3);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private GovernanceFileException refusal(String text) {
        GovernanceFileException e = catchThrowableOfType(GovernanceFileException.class, () -> reader.read(FILE, text));
        assertThat(e).as("the file should have been refused").isNotNull();
        assertThat(e.file()).isEqualTo(FILE);
        return e;
    }

    /** The one-based line of the only line of the text containing the snippet. */
    private static int lineOf(String text, String snippet) {
        String[] lines = text.split("\n", -1);
        int[] found = IntStream.range(0, lines.length)
                .filter(i -> lines[i].contains(snippet))
                .toArray();
        assertThat(found).as("lines containing '%s'", snippet).hasSize(1);
        return found[0] + 1;
    }
}
