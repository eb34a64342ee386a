package org.vanguard.governance.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vanguard.governance.fixtures.Participants.ACUTE;
import static org.vanguard.governance.fixtures.Participants.CARE_HOME;
import static org.vanguard.governance.fixtures.Participants.COMMUNITY;
import static org.vanguard.governance.fixtures.Participants.GP;
import static org.vanguard.governance.fixtures.Participants.MDT;
import static org.vanguard.governance.fixtures.Participants.OUTSIDER;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.agreement.LawfulGateway;
import org.vanguard.governance.fixtures.Agreements;
import org.vanguard.governance.fixtures.Participants;
import org.vanguard.governance.fixtures.PatientRecords;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;

/**
 * The decision table of DOMAIN.md step 3: an active, in-date agreement covering sender, recipient,
 * resource type and purpose permits; anything less denies with NO_AGREEMENT; a stranger is UNKNOWN_PARTICIPANT.
 * The patient here has a legitimate relationship with every organisation (step 4) and no objection or
 * Consent, so that the agreement alone decides; {@link DecisionTableTests} covers the steps after it.
 */
class DecisionEngineTests {

    /** The day every decision here is taken on, unless a test says otherwise. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final NhsNumber PATIENT = NhsNumber.of("9434765919");

    // ---- permit ---------------------------------------------------------------------------------------

    @Test
    @DisplayName(
            "an active, in-date agreement covering the exchange permits it and names agreement, version and clause")
    void activeAgreementPermits() {
        Decision decision = decide(List.of(Agreements.careHomeToGp("ISA-X").build()), carePlan(CARE_HOME, GP));

        assertThat(decision).isInstanceOf(Decision.Permit.class);
        Decision.Permit permit = (Decision.Permit) decision;
        assertThat(permit.basis().reference()).isEqualTo("ISA-X v1 flows[0]");
        assertThat(permit.basis().agreementId()).isEqualTo("ISA-X");
        assertThat(permit.basis().version()).isEqualTo(1);
        assertThat(permit.request()).isEqualTo(carePlan(CARE_HOME, GP));
    }

    @Test
    @DisplayName("a permit explains itself with the agreement clause, the day, and the legal basis of the purpose")
    void permitExplainsLegalBasis() {
        Agreement agreement = Agreements.agreement("ISA-X")
                .version(3)
                .title("Rosewood and Elm Tree")
                .purpose(
                        Purpose.TREAT,
                        "6(1)(e) public task",
                        "9(2)(h) health or social care",
                        LawfulGateway.IMPLIED_CONSENT)
                .flow(CARE_HOME, GP, Set.of("CarePlan"), Purpose.TREAT)
                .build();

        Decision decision = decide(List.of(agreement), carePlan(CARE_HOME, GP));

        assertThat(decision.explanation())
                .first()
                .asString()
                .startsWith("Permitted: CH001 sharing CarePlan with G81001 for TREAT");
        assertThat(String.join("\n", decision.explanation()))
                .contains(
                        "Agreement ISA-X v3 flows[0] (\"Rosewood and Elm Tree\") is active and in force on 2026-11-23")
                .contains(
                        "Legal basis for TREAT: 6(1)(e) public task; 9(2)(h) health or social care; common-law gateway implied-consent.")
                .contains("Rule NoActiveAgreementDenies did not deny.");
    }

    @Test
    @DisplayName("a permit cites the very flow that covers the exchange, not the agreement's first")
    void permitNamesCoveringFlow() {
        Agreement agreement = Agreements.agreement("ISA-X")
                .flow(CARE_HOME, GP, Set.of("CarePlan"), Purpose.TREAT)
                .flow(GP, CARE_HOME, Set.of("CarePlan"), Purpose.TREAT)
                .build();

        Decision decision = decide(List.of(agreement), carePlan(GP, CARE_HOME));

        assertThat(basisOf(decision)).isEqualTo("ISA-X v1 flows[1]");
    }

    @Test
    @DisplayName("an agreement is in force on its first and on its last day")
    void inForceOnBoundaryDays() {
        Agreement startsToday = Agreements.careHomeToGp("ISA-START")
                .effective(TODAY, TODAY.plusYears(1))
                .build();
        Agreement endsToday = Agreements.careHomeToGp("ISA-END")
                .effective(TODAY.minusYears(1), TODAY)
                .build();

        assertThat(decide(List.of(startsToday), carePlan(CARE_HOME, GP))).isInstanceOf(Decision.Permit.class);
        assertThat(decide(List.of(endsToday), carePlan(CARE_HOME, GP))).isInstanceOf(Decision.Permit.class);
    }

    @Test
    @DisplayName("a suspended version does not stop an active agreement that also covers the exchange")
    void activeAgreementWinsOverSuspendedOne() {
        Agreement suspended = Agreements.careHomeToGp("ISA-OLD")
                .status(AgreementStatus.SUSPENDED)
                .build();
        Agreement active = Agreements.careHomeToGp("ISA-NEW").build();

        assertThat(basisOf(decide(List.of(suspended, active), carePlan(CARE_HOME, GP))))
                .isEqualTo("ISA-NEW v1 flows[0]");
    }

    @Test
    @DisplayName("a flow from several senders to a care team permits each of its senders")
    void manyToOneFlow() {
        Agreement mdt = Agreements.agreement("ISA-MDT01-DC")
                .flow(Set.of(CARE_HOME, GP, COMMUNITY), Set.of(MDT), Set.of("Patient", "CarePlan"), Purpose.TREAT)
                .build();

        for (OdsCode sender : List.of(CARE_HOME, GP, COMMUNITY)) {
            assertThat(decide(List.of(mdt), carePlan(sender, MDT)))
                    .as("from %s", sender)
                    .isInstanceOf(Decision.Permit.class);
        }
        assertThat(decide(List.of(mdt), carePlan(MDT, GP))).isInstanceOf(Decision.Deny.class);
    }

    // ---- deny NO_AGREEMENT ------------------------------------------------------------------------------

    static Stream<Arguments> noAgreement() {
        DecisionRequest careHomeToGp = carePlan(CARE_HOME, GP);
        return Stream.of(
                Arguments.of("no agreement at all", List.of(), careHomeToGp),
                Arguments.of(
                        "the only agreement is a draft",
                        List.of(Agreements.careHomeToGp("ISA-X")
                                .status(AgreementStatus.DRAFT)
                                .build()),
                        careHomeToGp),
                Arguments.of(
                        "the agreement is suspended",
                        List.of(Agreements.careHomeToGp("ISA-X")
                                .status(AgreementStatus.SUSPENDED)
                                .build()),
                        careHomeToGp),
                Arguments.of(
                        "the agreement is terminated",
                        List.of(Agreements.careHomeToGp("ISA-X")
                                .status(AgreementStatus.TERMINATED)
                                .build()),
                        careHomeToGp),
                Arguments.of(
                        "the agreement has expired status, though its dates still run",
                        List.of(Agreements.careHomeToGp("ISA-X")
                                .status(AgreementStatus.EXPIRED)
                                .build()),
                        careHomeToGp),
                Arguments.of(
                        "the agreement is active but takes effect tomorrow",
                        List.of(Agreements.careHomeToGp("ISA-X")
                                .effective(TODAY.plusDays(1), TODAY.plusYears(2))
                                .build()),
                        careHomeToGp),
                Arguments.of(
                        "the agreement is active but ended yesterday",
                        List.of(Agreements.careHomeToGp("ISA-X")
                                .effective(TODAY.minusYears(2), TODAY.minusDays(1))
                                .build()),
                        careHomeToGp),
                Arguments.of(
                        "the flow runs only care home to GP and the GP asks to send back",
                        List.of(Agreements.careHomeToGp("ISA-X").build()),
                        carePlan(GP, CARE_HOME)),
                Arguments.of(
                        "the resource type is not in the flow",
                        List.of(Agreements.agreement("ISA-X")
                                .flow(CARE_HOME, GP, Set.of("Patient"), Purpose.TREAT)
                                .build()),
                        careHomeToGp),
                Arguments.of(
                        "the purpose is not in the flow",
                        List.of(Agreements.careHomeToGp("ISA-X").build()),
                        new DecisionRequest(CARE_HOME, GP, Purpose.POPHLTH, PATIENT, "CarePlan")),
                Arguments.of(
                        "the agreement covers another recipient",
                        List.of(Agreements.agreement("ISA-X")
                                .flow(CARE_HOME, ACUTE, Set.of("CarePlan"), Purpose.TREAT)
                                .build()),
                        careHomeToGp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noAgreement")
    @DisplayName("nothing is shared without an active, in-date agreement covering sender, recipient, type and purpose")
    void deniesWithoutAgreementInForce(String situation, List<Agreement> agreements, DecisionRequest request) {
        Decision decision = decide(agreements, request);

        assertThat(decision).isInstanceOf(Decision.Deny.class);
        Decision.Deny deny = (Decision.Deny) decision;
        assertThat(deny.reasons()).extracting(DenyReason::code).containsExactly(ReasonCode.NO_AGREEMENT);
        assertThat(deny.reasons()).extracting(DenyReason::rule).containsExactly("NoActiveAgreementDenies");
        assertThat(deny.explanation()).first().asString().startsWith("Denied: " + request.describe());
    }

    @Test
    @DisplayName("the denial under a suspended agreement names the agreement clause and says it is suspended")
    void suspendedDenialNamesAgreement() {
        Agreement suspended = Agreements.careHomeToGp("ISA-CH001-G81001-DC")
                .status(AgreementStatus.SUSPENDED)
                .build();

        String text =
                onlyReason(decide(List.of(suspended), carePlan(CARE_HOME, GP))).text();

        assertThat(text)
                .isEqualTo(
                        "No agreement in force on 2026-11-23 covers CH001 sharing CarePlan with G81001 for TREAT"
                                + " (direct (individual) care): ISA-CH001-G81001-DC v1 flows[0] would cover it, but its status is suspended.");
    }

    @Test
    @DisplayName("the denial under an agreement not yet in force says when it takes effect")
    void notYetEffectiveDenialSaysWhen() {
        Agreement future = Agreements.careHomeToGp("ISA-X")
                .effective(LocalDate.of(2027, 1, 1), LocalDate.of(2030, 1, 1))
                .build();

        assertThat(onlyReason(decide(List.of(future), carePlan(CARE_HOME, GP))).text())
                .contains("ISA-X v1 flows[0] would cover it, but it does not take effect until 2027-01-01");
    }

    @Test
    @DisplayName("the denial under an agreement that has ended says when it ended")
    void endedDenialSaysWhen() {
        Agreement ended = Agreements.careHomeToGp("ISA-X")
                .effective(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 10, 31))
                .build();

        assertThat(onlyReason(decide(List.of(ended), carePlan(CARE_HOME, GP))).text())
                .contains("ISA-X v1 flows[0] would cover it, but it ended on 2026-10-31");
    }

    @Test
    @DisplayName("the denial when no agreement names the exchange says so plainly")
    void noAgreementDenialIsPlain() {
        DenyReason reason = onlyReason(decide(List.of(), carePlan(CARE_HOME, GP)));

        assertThat(reason.text())
                .isEqualTo(
                        "No agreement covers CH001 sharing CarePlan with G81001 for TREAT (direct (individual) care).");
    }

    @Test
    @DisplayName(
            "the day is the injected clock's day in its own zone: an agreement ending on 30 June is over at 00:30 London time on 1 July")
    void usesClockZone() {
        Agreement endsJune = Agreements.careHomeToGp("ISA-X")
                .effective(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30))
                .build();
        Instant lateEvening = Instant.parse("2026-06-30T23:30:00Z");

        Decision inUtc = engine(List.of(endsJune), Clock.fixed(lateEvening, ZoneOffset.UTC))
                .decide(carePlan(CARE_HOME, GP));
        Decision inLondon = engine(List.of(endsJune), Clock.fixed(lateEvening, ZoneId.of("Europe/London")))
                .decide(carePlan(CARE_HOME, GP));

        assertThat(inUtc).isInstanceOf(Decision.Permit.class);
        assertThat(inLondon).isInstanceOf(Decision.Deny.class);
        assertThat(onlyReason(inLondon).text()).contains("it ended on 2026-06-30");
    }

    // ---- every refusal names the agreement it was decided under (DOMAIN.md step 8) --------------------

    static Stream<Arguments> refusalsUnderAnAgreement() {
        Agreement active = Agreements.careHomeToGp("ISA-CH001-G81001-DC").build();
        PatientRecords noRelationship = PatientRecords.none();
        PatientRecords objecting = PatientRecords.knownToEveryone(PATIENT)
                .objection(PATIENT, org.vanguard.governance.objection.ObjectionType.SHARED_CARE_RECORD);
        PatientRecords denyingConsent = PatientRecords.knownToEveryone(PATIENT)
                .consent(org.vanguard.governance.fixtures.Consents.consent(
                                "consent-1", PATIENT, org.vanguard.governance.consent.ConsentAction.DENY)
                        .build());
        return Stream.of(
                Arguments.of("no legitimate relationship", List.of(active), noRelationship, ReasonCode.NO_RELATIONSHIP),
                Arguments.of(
                        "a shared-care-record objection", List.of(active), objecting, ReasonCode.NO_PATIENT_CONSENT),
                Arguments.of("a denying Consent", List.of(active), denyingConsent, ReasonCode.NO_PATIENT_CONSENT),
                Arguments.of(
                        "a suspended agreement",
                        List.of(Agreements.careHomeToGp("ISA-CH001-G81001-DC")
                                .status(AgreementStatus.SUSPENDED)
                                .build()),
                        PatientRecords.knownToEveryone(PATIENT),
                        ReasonCode.NO_AGREEMENT),
                Arguments.of(
                        "an ended agreement",
                        List.of(Agreements.careHomeToGp("ISA-CH001-G81001-DC")
                                .effective(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 10, 31))
                                .build()),
                        PatientRecords.knownToEveryone(PATIENT),
                        ReasonCode.NO_AGREEMENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusalsUnderAnAgreement")
    @DisplayName(
            "a refusal once an agreement names the exchange cites that agreement's clause, so the audit finds it by agreement")
    void refusalNamesAgreementConsidered(
            String situation, List<Agreement> agreements, PatientRecords records, ReasonCode expected) {
        AgreementCatalogue catalogue = new AgreementCatalogue(agreements);
        Decision decision = DecisionEngine.standard(
                        () -> catalogue, Participants.demo(), records, records, records, CLOCK)
                .decide(carePlan(CARE_HOME, GP));

        assertThat(decision).isInstanceOf(Decision.Deny.class);
        Decision.Deny deny = (Decision.Deny) decision;
        assertThat(deny.reasons()).extracting(DenyReason::code).contains(expected);
        assertThat(deny.considered()).map(clause -> clause.reference()).contains("ISA-CH001-G81001-DC v1 flows[0]");
        assertThat(deny.explanation()).contains("Decided under agreement ISA-CH001-G81001-DC v1 flows[0].");
        assertThat(org.vanguard.governance.audit.AuditEntry.of("m-1", decision, CLOCK.instant())
                        .agreement())
                .contains("ISA-CH001-G81001-DC v1 flows[0]");
    }

    @Test
    @DisplayName("a refusal with no agreement naming the exchange names none")
    void refusalWithoutAgreementNamesNone() {
        Decision.Deny deny = (Decision.Deny) decide(List.of(), carePlan(CARE_HOME, GP));

        assertThat(deny.considered()).isEmpty();
        assertThat(org.vanguard.governance.audit.AuditEntry.of("m-1", deny, CLOCK.instant())
                        .agreement())
                .isEmpty();
    }

    // ---- deny UNKNOWN_PARTICIPANT --------------------------------------------------------------------

    @Test
    @DisplayName("a recipient that is not a participant is denied as unknown, even if an agreement named it")
    void unknownRecipient() {
        Decision decision = decide(List.of(Agreements.careHomeToGp("ISA-X").build()), carePlan(CARE_HOME, OUTSIDER));

        DenyReason reason = onlyReason(decision);
        assertThat(reason.code()).isEqualTo(ReasonCode.UNKNOWN_PARTICIPANT);
        assertThat(reason.rule()).isEqualTo("OnlyParticipantsTakePart");
        assertThat(reason.text()).isEqualTo("The recipient X99999 is not a participant of this vanguard.");
    }

    @Test
    @DisplayName("an unknown sender and an unknown recipient are both reported")
    void unknownSenderAndRecipient() {
        Decision decision = decide(List.of(), carePlan(OdsCode.of("Y11111"), OUTSIDER));

        assertThat(((Decision.Deny) decision).reasons())
                .extracting(DenyReason::code, DenyReason::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ReasonCode.UNKNOWN_PARTICIPANT,
                                "The sender Y11111 is not a participant of this vanguard."),
                        org.assertj.core.groups.Tuple.tuple(
                                ReasonCode.UNKNOWN_PARTICIPANT,
                                "The recipient X99999 is not a participant of this vanguard."));
    }

    @Test
    @DisplayName(
            "the engine without patient records (three-argument factory) denies direct care for want of a relationship")
    void threeArgumentEngineKnowsNoRelationship() {
        AgreementCatalogue catalogue =
                new AgreementCatalogue(List.of(Agreements.careHomeToGp("ISA-X").build()));

        Decision decision = DecisionEngine.standard(() -> catalogue, Participants.demo(), CLOCK)
                .decide(carePlan(CARE_HOME, GP));

        assertThat(onlyReason(decision).code()).isEqualTo(ReasonCode.NO_RELATIONSHIP);
    }

    // ---- combining rules ----------------------------------------------------------------------------

    @Test
    @DisplayName("any rule that denies overrides an agreement in force (deny-overrides)")
    void denyOverrides() {
        DecisionRule objection = new PatientObjectsInThisTest();
        DecisionEngine engine = new DecisionEngine(
                () -> new AgreementCatalogue(
                        List.of(Agreements.careHomeToGp("ISA-X").build())),
                Participants.demo(),
                List.of(new NoActiveAgreementDenies(), objection),
                CLOCK);

        Decision decision = engine.decide(carePlan(CARE_HOME, GP));

        assertThat(onlyReason(decision).code()).isEqualTo(ReasonCode.NO_PATIENT_CONSENT);
        assertThat(decision.explanation())
                .contains("NO_PATIENT_CONSENT (rule PatientObjectsInThisTest): the patient objects.");
    }

    @Test
    @DisplayName("without any agreement in force nothing is permitted, even when no rule speaks")
    void denyByDefault() {
        DecisionEngine engine = new DecisionEngine(AgreementCatalogue::empty, Participants.demo(), List.of(), CLOCK);

        DenyReason reason = onlyReason(engine.decide(carePlan(CARE_HOME, GP)));

        assertThat(reason.code()).isEqualTo(ReasonCode.NO_AGREEMENT);
        assertThat(reason.rule()).isEqualTo("DenyByDefault");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AgreementStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("only the active status lets data flow")
    void onlyActiveStatusPermits(AgreementStatus status) {
        Decision decision =
                decide(List.of(Agreements.careHomeToGp("ISA-X").status(status).build()), carePlan(CARE_HOME, GP));

        assertThat(onlyReason(decision).text()).endsWith("its status is " + status.label() + ".");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** A rule for this test only: it always denies, as a patient objection would. */
    private static final class PatientObjectsInThisTest implements DecisionRule {
        @Override
        public Optional<DenyReason> evaluate(DecisionContext context) {
            return Optional.of(new DenyReason(ReasonCode.NO_PATIENT_CONSENT, name(), "the patient objects."));
        }
    }

    private static DecisionRequest carePlan(OdsCode sender, OdsCode recipient) {
        return new DecisionRequest(sender, recipient, Purpose.TREAT, PATIENT, "CarePlan");
    }

    private static DecisionEngine engine(List<Agreement> agreements, Clock clock) {
        AgreementCatalogue catalogue = new AgreementCatalogue(agreements);
        PatientRecords records = PatientRecords.knownToEveryone(PATIENT);
        return DecisionEngine.standard(() -> catalogue, Participants.demo(), records, records, records, clock);
    }

    private static Decision decide(List<Agreement> agreements, DecisionRequest request) {
        return engine(agreements, CLOCK).decide(request);
    }

    private static String basisOf(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Permit.class);
        return ((Decision.Permit) decision).basis().reference();
    }

    private static DenyReason onlyReason(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Deny.class);
        List<DenyReason> reasons = ((Decision.Deny) decision).reasons();
        assertThat(reasons).hasSize(1);
        return reasons.get(0);
    }
}
