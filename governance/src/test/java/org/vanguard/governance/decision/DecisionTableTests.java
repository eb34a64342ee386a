package org.vanguard.governance.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.vanguard.governance.fixtures.Participants.ACUTE;
import static org.vanguard.governance.fixtures.Participants.ANALYTICS;
import static org.vanguard.governance.fixtures.Participants.CARE_HOME;
import static org.vanguard.governance.fixtures.Participants.COMMUNITY;
import static org.vanguard.governance.fixtures.Participants.GP;
import static org.vanguard.governance.fixtures.Participants.MDT;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.agreement.DataScope;
import org.vanguard.governance.agreement.Identifiability;
import org.vanguard.governance.agreement.LawfulGateway;
import org.vanguard.governance.agreement.PurposeTerms;
import org.vanguard.governance.consent.ConsentAction;
import org.vanguard.governance.consent.ConsentState;
import org.vanguard.governance.fixtures.Agreements;
import org.vanguard.governance.fixtures.Consents;
import org.vanguard.governance.fixtures.Participants;
import org.vanguard.governance.fixtures.PatientRecords;
import org.vanguard.governance.objection.ObjectionType;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipKind;
import org.vanguard.governance.sensitivity.SensitiveCategory;

/**
 * The decision of DOMAIN.md ("The decision, in order", steps 3 to 7) as a table: each case is one sentence an
 * IG officer would agree with, the world it holds (agreements, Consents, objections, relationships) and the
 * outcome, reasons and obligations it must produce. The first block walks every purpose row of DOMAIN.md's
 * table of purposes with no objection and with each standing objection.
 */
class DecisionTableTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final NhsNumber PATIENT = NhsNumber.of("9434765919");
    private static final EmergencyOverride OVERRIDE =
            new EmergencyOverride("EMERG-UNCONSCIOUS", "patient unconscious in A&E", "Dr A Example, RAC");

    /** One row of the table: a sentence, the world, the question and what must come of it. */
    record Case(
            String sentence,
            List<Agreement> agreements,
            PatientRecords records,
            DecisionRequest request,
            Consumer<Decision> expectation) {
        @Override
        public String toString() {
            return sentence;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({
        "purposeRows",
        "consentCases",
        "agreementCases",
        "minimisationCases",
        "emergencyCases",
        "relationshipCases",
        "secondaryUseCases"
    })
    @DisplayName("each case of the decision table decides as DOMAIN.md says")
    void decides(Case c) {
        AgreementCatalogue catalogue = new AgreementCatalogue(c.agreements());
        DecisionEngine engine = DecisionEngine.standard(
                () -> catalogue, Participants.withAnalytics(), c.records(), c.records(), c.records(), CLOCK);

        Decision decision = engine.decide(c.request());

        assertThat(decision.explanation()).isNotEmpty();
        c.expectation().accept(decision);
    }

    // ---- every purpose row of DOMAIN.md's table, with each objection ----------------------------------

    /** What a purpose row decides with no objection, a National Data Opt-out, a Type 1 objection and a shared-care-record objection. */
    private record Row(
            String name,
            Purpose purpose,
            LawfulGateway gateway,
            OdsCode sender,
            OdsCode recipient,
            boolean consentForResearch,
            Map<String, List<ReasonCode>> deniedBy) {}

    static Stream<Case> purposeRows() {
        List<ReasonCode> none = List.of();
        List<ReasonCode> objects = List.of(ReasonCode.NO_PATIENT_CONSENT);
        List<ReasonCode> ndoo = List.of(ReasonCode.NATIONAL_DATA_OPT_OUT);
        List<ReasonCode> type1 = List.of(ReasonCode.TYPE_1_OBJECTION);
        List<Row> rows = List.of(
                new Row(
                        "direct care (TREAT, implied consent)",
                        Purpose.TREAT,
                        LawfulGateway.IMPLIED_CONSENT,
                        CARE_HOME,
                        GP,
                        false,
                        Map.of("none", none, "ndoo", none, "type1", none, "scr", objects)),
                new Row(
                        "emergency care (ETREAT) without an override",
                        Purpose.ETREAT,
                        LawfulGateway.IMPLIED_CONSENT,
                        CARE_HOME,
                        GP,
                        false,
                        Map.of("none", none, "ndoo", none, "type1", none, "scr", objects)),
                new Row(
                        "break-glass (BTG) without an override",
                        Purpose.BTG,
                        LawfulGateway.IMPLIED_CONSENT,
                        CARE_HOME,
                        GP,
                        false,
                        Map.of("none", none, "ndoo", none, "type1", none, "scr", objects)),
                new Row(
                        "case finding (CASEFIND) under s251 of GP data",
                        Purpose.CASEFIND,
                        LawfulGateway.S251,
                        GP,
                        ANALYTICS,
                        false,
                        Map.of("none", none, "ndoo", ndoo, "type1", type1, "scr", none)),
                new Row(
                        "risk stratification (POPHLTH) under s251 of GP data",
                        Purpose.POPHLTH,
                        LawfulGateway.S251,
                        GP,
                        ANALYTICS,
                        false,
                        Map.of("none", none, "ndoo", ndoo, "type1", type1, "scr", none)),
                new Row(
                        "risk stratification (POPHLTH) of anonymised GP data",
                        Purpose.POPHLTH,
                        LawfulGateway.ANONYMISED,
                        GP,
                        ANALYTICS,
                        false,
                        Map.of("none", none, "ndoo", none, "type1", none, "scr", none)),
                new Row(
                        "planning and audit (HOPERAT) under s251 of GP data",
                        Purpose.HOPERAT,
                        LawfulGateway.S251,
                        GP,
                        ANALYTICS,
                        false,
                        Map.of("none", none, "ndoo", ndoo, "type1", type1, "scr", none)),
                new Row(
                        "research (HRESCH) with the patient's explicit consent",
                        Purpose.HRESCH,
                        LawfulGateway.EXPLICIT_CONSENT,
                        GP,
                        ANALYTICS,
                        true,
                        Map.of("none", none, "ndoo", none, "type1", none, "scr", none)),
                new Row(
                        "research (HRESCH) under s251 of GP data",
                        Purpose.HRESCH,
                        LawfulGateway.S251,
                        GP,
                        ANALYTICS,
                        false,
                        Map.of("none", none, "ndoo", ndoo, "type1", type1, "scr", none)),
                new Row(
                        "public health (PUBHLTH) under COPI regulation 3",
                        Purpose.PUBHLTH,
                        LawfulGateway.COPI,
                        GP,
                        ANALYTICS,
                        false,
                        Map.of("none", none, "ndoo", none, "type1", none, "scr", none)));
        Map<String, Optional<ObjectionType>> objections = Map.of(
                "none", Optional.empty(),
                "ndoo", Optional.of(ObjectionType.NATIONAL_DATA_OPT_OUT),
                "type1", Optional.of(ObjectionType.TYPE_1),
                "scr", Optional.of(ObjectionType.SHARED_CARE_RECORD));
        Map<String, String> words = Map.of(
                "none",
                "no objection",
                "ndoo",
                "a National Data Opt-out",
                "type1",
                "a GP Type 1 objection",
                "scr",
                "an objection to the shared care record");
        List<Case> cases = new ArrayList<>();
        for (Row row : rows) {
            for (String objection : List.of("none", "ndoo", "type1", "scr")) {
                PatientRecords records = PatientRecords.knownToEveryone(PATIENT);
                objections.get(objection).ifPresent(type -> records.objection(PATIENT, type));
                if (row.consentForResearch()) {
                    Consents.Record consent = Consents.consent("C-RESEARCH", PATIENT, ConsentAction.DENY);
                    consent.except(ConsentAction.PERMIT)
                            .purposes(Purpose.HRESCH)
                            .actors(ANALYTICS);
                    records.consent(consent.build());
                }
                Agreement agreement = Agreements.agreement("ISA-" + row.purpose())
                        .gateway(row.purpose(), row.gateway())
                        .flow(row.sender(), row.recipient(), Set.of("Patient", "CarePlan"), row.purpose())
                        .build();
                List<ReasonCode> denied = row.deniedBy().get(objection);
                String outcome = denied.isEmpty() ? "is permitted" : "is denied " + denied;
                Consumer<Decision> expectation = denied.isEmpty() ? permit() : deny(denied.toArray(ReasonCode[]::new));
                if (row.gateway() == LawfulGateway.ANONYMISED) {
                    expectation =
                            expectation.andThen(hasObligation(new Obligation.Deidentify(Identifiability.ANONYMISED)));
                }
                cases.add(new Case(
                        row.name() + " with " + words.get(objection) + " " + outcome,
                        List.of(agreement),
                        records,
                        request(row.sender(), row.recipient(), row.purpose(), "CarePlan"),
                        expectation));
            }
        }
        return cases.stream();
    }

    // ---- Consent ------------------------------------------------------------------------------------------

    static Stream<Case> consentCases() {
        List<Agreement> directCare = List.of(directCare());
        Instant yesterday = NOW.minusSeconds(86_400);
        Instant tomorrow = NOW.plusSeconds(86_400);

        Consents.Record nestedDenyForAcute = Consents.consent("C-1", PATIENT, ConsentAction.PERMIT);
        nestedDenyForAcute.except(ConsentAction.DENY).actors(ACUTE);

        Consents.Record baseDenyNestedPermitGp = Consents.consent("C-2", PATIENT, ConsentAction.DENY);
        baseDenyNestedPermitGp.except(ConsentAction.PERMIT).actors(GP).purposes(Purpose.TREAT);

        Consents.Record deeper = Consents.consent("C-3", PATIENT, ConsentAction.PERMIT);
        deeper.except(ConsentAction.DENY)
                .actors(GP)
                .except(ConsentAction.PERMIT)
                .resourceTypes("CarePlan");

        Consents.Record siblings = Consents.consent("C-4", PATIENT, ConsentAction.DENY);
        siblings.except(ConsentAction.PERMIT).actors(GP);
        siblings.except(ConsentAction.DENY).resourceTypes("CarePlan");

        Consents.Record expiredDeny = Consents.consent("C-5", PATIENT, ConsentAction.PERMIT);
        expiredDeny.except(ConsentAction.DENY).actors(GP).period(null, yesterday);

        Consents.Record futureDeny = Consents.consent("C-6", PATIENT, ConsentAction.PERMIT);
        futureDeny.except(ConsentAction.DENY).actors(GP).period(tomorrow, null);

        return Stream.of(
                new Case(
                        "a Consent whose base is permit permits direct care and is cited",
                        directCare,
                        knownWith(Consents.consent("C-P", PATIENT, ConsentAction.PERMIT)
                                .build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(explains(
                                "Consent C-P (recorded 2026-02-01T12:00:00Z by G81001) provision permits G81001"))),
                new Case(
                        "a Consent whose base is deny denies direct care with NO_PATIENT_CONSENT, citing record and provision",
                        directCare,
                        knownWith(Consents.consent("C-D", PATIENT, ConsentAction.DENY)
                                .build()),
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_PATIENT_CONSENT)
                                .andThen(explains(
                                        "Consent C-D (recorded 2026-02-01T12:00:00Z by G81001) provision denies"))),
                new Case(
                        "a nested deny for the acute trust denies the acute trust",
                        directCare,
                        knownWith(nestedDenyForAcute.build()),
                        carePlan(CARE_HOME, ACUTE),
                        deny(ReasonCode.NO_PATIENT_CONSENT).andThen(explains("provision.provision[0] denies RAC"))),
                new Case(
                        "a nested deny for the acute trust leaves the GP permitted by the base",
                        directCare,
                        knownWith(nestedDenyForAcute.build()),
                        carePlan(CARE_HOME, GP),
                        permit()),
                new Case(
                        "a nested permit for the GP overrides a base deny",
                        directCare,
                        knownWith(baseDenyNestedPermitGp.build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(explains("provision.provision[0] permits G81001"))),
                new Case(
                        "a base deny still denies those its nested permit does not name",
                        directCare,
                        knownWith(baseDenyNestedPermitGp.build()),
                        carePlan(CARE_HOME, ACUTE),
                        deny(ReasonCode.NO_PATIENT_CONSENT)),
                new Case(
                        "the deepest matching provision wins: a permit for care plans inside a deny for the GP permits care plans",
                        directCare,
                        knownWith(deeper.build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(explains("provision.provision[0].provision[0] permits"))),
                new Case(
                        "the deepest matching provision wins: the deny for the GP still denies its Patient records",
                        directCare,
                        knownWith(deeper.build()),
                        request(CARE_HOME, GP, Purpose.TREAT, "Patient"),
                        deny(ReasonCode.NO_PATIENT_CONSENT).andThen(explains("provision.provision[0] denies"))),
                new Case(
                        "among sibling provisions that both match, deny overrides permit",
                        directCare,
                        knownWith(siblings.build()),
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_PATIENT_CONSENT).andThen(explains("provision.provision[1] denies"))),
                new Case(
                        "a nested deny whose period has ended no longer applies",
                        directCare,
                        knownWith(expiredDeny.build()),
                        carePlan(CARE_HOME, GP),
                        permit()),
                new Case(
                        "a nested deny whose period has not begun does not apply yet",
                        directCare,
                        knownWith(futureDeny.build()),
                        carePlan(CARE_HOME, GP),
                        permit()),
                new Case(
                        "a withdrawn (inactive) Consent counts for nothing, so its deny no longer denies",
                        directCare,
                        knownWith(Consents.consent("C-W", PATIENT, ConsentAction.DENY)
                                .state(ConsentState.INACTIVE)
                                .build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(
                                        explains(
                                                "Consent C-W (recorded 2026-02-01T12:00:00Z by G81001) is inactive (withdrawn) and counts for nothing"))),
                new Case(
                        "a later permit supersedes an earlier deny",
                        directCare,
                        knownWith(
                                Consents.consent("C-OLD", PATIENT, ConsentAction.DENY)
                                        .build(),
                                Consents.consent("C-NEW", PATIENT, ConsentAction.PERMIT)
                                        .dateTime(Consents.RECORDED.plusSeconds(3600))
                                        .build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(explains("Consent C-NEW"))),
                new Case(
                        "a later deny supersedes an earlier permit",
                        directCare,
                        knownWith(
                                Consents.consent("C-OLD", PATIENT, ConsentAction.PERMIT)
                                        .build(),
                                Consents.consent("C-NEW", PATIENT, ConsentAction.DENY)
                                        .dateTime(Consents.RECORDED.plusSeconds(3600))
                                        .build()),
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_PATIENT_CONSENT).andThen(explains("Consent C-NEW"))),
                new Case(
                        "a later withdrawal silences an earlier research consent, so explicit-consent research is denied",
                        List.of(secondary(Purpose.HRESCH, LawfulGateway.EXPLICIT_CONSENT, GP)),
                        knownWith(
                                Consents.consent("C-OLD", PATIENT, ConsentAction.PERMIT)
                                        .build(),
                                Consents.consent("C-NEW", PATIENT, ConsentAction.PERMIT)
                                        .state(ConsentState.INACTIVE)
                                        .dateTime(Consents.RECORDED.plusSeconds(3600))
                                        .build()),
                        request(GP, ANALYTICS, Purpose.HRESCH, "CarePlan"),
                        deny(ReasonCode.NO_PATIENT_CONSENT).andThen(explains("rests HRESCH on explicit consent"))),
                new Case(
                        "explicit-consent research without any Consent is denied: silence is not consent",
                        List.of(secondary(Purpose.HRESCH, LawfulGateway.EXPLICIT_CONSENT, GP)),
                        PatientRecords.none(),
                        request(GP, ANALYTICS, Purpose.HRESCH, "CarePlan"),
                        deny(ReasonCode.NO_PATIENT_CONSENT)
                                .andThen(explains("no Consent is recorded for the patient"))),
                new Case(
                        "a Consent denying case finding denies secondary use too",
                        List.of(secondary(Purpose.CASEFIND, LawfulGateway.S251, GP)),
                        knownWith(denyFor(Purpose.CASEFIND)),
                        request(GP, ANALYTICS, Purpose.CASEFIND, "CarePlan"),
                        deny(ReasonCode.NO_PATIENT_CONSENT)),
                new Case(
                        "a Consent denying only case finding does not touch direct care",
                        directCare,
                        knownWith(denyFor(Purpose.CASEFIND)),
                        carePlan(CARE_HOME, GP),
                        permit()));
    }

    // ---- the agreement (step 3) ---------------------------------------------------------------------------

    static Stream<Case> agreementCases() {
        PatientRecords known = PatientRecords.knownToEveryone(PATIENT);
        return Stream.of(
                new Case(
                        "a draft agreement shares nothing",
                        List.of(directCareWith(AgreementStatus.DRAFT)),
                        known,
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_AGREEMENT).andThen(explains("its status is draft"))),
                new Case(
                        "a suspended agreement shares nothing",
                        List.of(directCareWith(AgreementStatus.SUSPENDED)),
                        known,
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_AGREEMENT).andThen(explains("its status is suspended"))),
                new Case(
                        "an expired agreement shares nothing",
                        List.of(directCareWith(AgreementStatus.EXPIRED)),
                        known,
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_AGREEMENT).andThen(explains("its status is expired"))),
                new Case(
                        "an active agreement whose end date has passed shares nothing",
                        List.of(Agreements.careHomeToGp("ISA-OLD")
                                .effective(java.time.LocalDate.of(2025, 1, 1), java.time.LocalDate.of(2026, 10, 31))
                                .build()),
                        known,
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_AGREEMENT).andThen(explains("it ended on 2026-10-31"))),
                new Case(
                        "an active agreement not yet effective shares nothing",
                        List.of(Agreements.careHomeToGp("ISA-NEXT")
                                .effective(java.time.LocalDate.of(2027, 1, 1), java.time.LocalDate.of(2030, 1, 1))
                                .build()),
                        known,
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_AGREEMENT).andThen(explains("does not take effect until 2027-01-01"))),
                new Case(
                        "an agreement covers its own direction only: the GP may not send back under a care-home-to-GP flow",
                        List.of(Agreements.careHomeToGp("ISA-ONE-WAY").build()),
                        known,
                        carePlan(GP, CARE_HOME),
                        deny(ReasonCode.NO_AGREEMENT)),
                new Case(
                        "a resource type outside the flow's scope is not shared",
                        List.of(Agreements.agreement("ISA-PATIENT-ONLY")
                                .flow(CARE_HOME, GP, Set.of("Patient"), Purpose.TREAT)
                                .build()),
                        known,
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_AGREEMENT)),
                new Case(
                        "every reason is reported: no agreement and no relationship together",
                        List.of(),
                        PatientRecords.none(),
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_AGREEMENT, ReasonCode.NO_RELATIONSHIP)));
    }

    // ---- minimisation and labels (steps 6 and 7) -------------------------------------------------------------

    static Stream<Case> minimisationCases() {
        DataScope carePlanElements = new DataScope(
                Map.of("CarePlan", Set.of("status", "intent", "subject", "activity")),
                Identifiability.IDENTIFIABLE,
                Set.of());
        Agreement scoped = Agreements.careHomeToGp("ISA-SCOPED")
                .dataScope(carePlanElements)
                .build();
        DataScope sensitive = new DataScope(
                Map.of(),
                Identifiability.IDENTIFIABLE,
                EnumSet.of(SensitiveCategory.MENTAL_HEALTH, SensitiveCategory.SEXUAL_HEALTH_HIV));
        Agreement allowsSensitive =
                Agreements.careHomeToGp("ISA-SENSITIVE").dataScope(sensitive).build();
        Agreement pseudonymised = Agreements.careHomeToGp("ISA-PSEUDO")
                .dataScope(new DataScope(Map.of(), Identifiability.PSEUDONYMISED, Set.of()))
                .build();

        Consents.Record permitsPsy = Consents.consent("C-PSY", PATIENT, ConsentAction.PERMIT);
        permitsPsy.except(ConsentAction.PERMIT).securityLabels("PSY");
        Consents.Record permitsPsyAndFertility = Consents.consent("C-PSY-FERT", PATIENT, ConsentAction.PERMIT);
        permitsPsyAndFertility
                .except(ConsentAction.PERMIT)
                .securityLabels("PSY", SensitiveCategory.HUB_SYSTEM + "|FERTILITY");
        Consents.Record deniesPsyToAcute = Consents.consent("C-PSY-NOT-GP", PATIENT, ConsentAction.PERMIT);
        deniesPsyToAcute
                .except(ConsentAction.PERMIT)
                .securityLabels("PSY")
                .except(ConsentAction.DENY)
                .actors(GP);

        return Stream.of(
                new Case(
                        "elements outside the agreement's data scope are dropped: the permit keeps only the agreed CarePlan elements",
                        List.of(scoped),
                        PatientRecords.knownToEveryone(PATIENT),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(new Obligation.KeepOnlyElements(
                                        "CarePlan", Set.of("status", "intent", "subject", "activity"))))
                                .andThen(explains("activity, intent, status, subject"))),
                new Case(
                        "a resource type the data scope does not list keeps all its elements",
                        List.of(scoped),
                        PatientRecords.knownToEveryone(PATIENT),
                        request(CARE_HOME, GP, Purpose.TREAT, "Patient"),
                        permit().andThen(hasNoObligationOf(Obligation.KeepOnlyElements.class))),
                new Case(
                        "an agreement that allows no sensitive category withholds every sensitive item",
                        List.of(directCare()),
                        PatientRecords.knownToEveryone(PATIENT),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(new Obligation.WithholdSensitive(Set.of())))),
                new Case(
                        "sensitive categories the agreement allows are still withheld without the patient's Consent",
                        List.of(allowsSensitive),
                        PatientRecords.knownToEveryone(PATIENT),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(new Obligation.WithholdSensitive(Set.of())))
                                .andThen(explains("no Consent of the patient permits any of them"))),
                new Case(
                        "a base permit alone does not release sensitive items: the Consent must name the label",
                        List.of(allowsSensitive),
                        knownWith(Consents.consent("C-BASE", PATIENT, ConsentAction.PERMIT)
                                .build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(new Obligation.WithholdSensitive(Set.of())))),
                new Case(
                        "mental health leaves when the agreement allows it and the Consent permits the PSY label",
                        List.of(allowsSensitive),
                        knownWith(permitsPsy.build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(
                                        new Obligation.WithholdSensitive(Set.of(SensitiveCategory.MENTAL_HEALTH))))
                                .andThen(explains("Consent C-PSY permits mental-health (PSY)"))),
                new Case(
                        "a category the Consent permits but the agreement does not allow stays withheld",
                        List.of(allowsSensitive),
                        knownWith(permitsPsyAndFertility.build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(
                                new Obligation.WithholdSensitive(Set.of(SensitiveCategory.MENTAL_HEALTH))))),
                new Case(
                        "a nested deny for the GP inside the PSY permit withholds mental health from the GP",
                        List.of(allowsSensitive),
                        knownWith(deniesPsyToAcute.build()),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(new Obligation.WithholdSensitive(Set.of())))),
                new Case(
                        "a Patient always carries the restricted-patient redaction and the N label",
                        List.of(directCare()),
                        PatientRecords.knownToEveryone(PATIENT),
                        request(CARE_HOME, GP, Purpose.TREAT, "Patient"),
                        permit().andThen(hasObligation(new Obligation.RedactRestrictedPatient()))
                                .andThen(hasObligation(new Obligation.LabelOutbound("N")))),
                new Case(
                        "a CarePlan carries the N label but no restricted-patient redaction",
                        List.of(directCare()),
                        PatientRecords.knownToEveryone(PATIENT),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(new Obligation.LabelOutbound("N")))
                                .andThen(hasNoObligationOf(Obligation.RedactRestrictedPatient.class))
                                .andThen(hasNoObligationOf(Obligation.Deidentify.class))),
                new Case(
                        "an agreement that allows only pseudonymised data obliges pseudonymisation",
                        List.of(pseudonymised),
                        PatientRecords.knownToEveryone(PATIENT),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(hasObligation(new Obligation.Deidentify(Identifiability.PSEUDONYMISED)))));
    }

    // ---- emergency override (step 4) ------------------------------------------------------------------------

    static Stream<Case> emergencyCases() {
        Agreement emergency = Agreements.agreement("ISA-EMERGENCY")
                .flow(CARE_HOME, ACUTE, Set.of("Patient", "CarePlan"), Purpose.TREAT, Purpose.ETREAT, Purpose.BTG)
                .build();
        return Stream.of(
                new Case(
                        "break-glass with a coded override sets the shared-care-record objection aside, alerted and queued for review",
                        List.of(emergency),
                        objecting(),
                        overridden(Purpose.BTG),
                        permit().andThen(hasObligation(new Obligation.ReviewOverride(OVERRIDE)))
                                .andThen(
                                        explains(
                                                "objection to the shared care record (recorded 2026-01-15, source: test objection shared-care-record) was set aside for BTG"))
                                .andThen(explains("coded reason EMERG-UNCONSCIOUS"))),
                new Case(
                        "emergency care with a coded override sets the objection aside, alerted and queued for review",
                        List.of(emergency),
                        objecting(),
                        overridden(Purpose.ETREAT),
                        permit().andThen(hasObligation(new Obligation.ReviewOverride(OVERRIDE)))),
                new Case(
                        "emergency care with a coded override sets a denying Consent aside too",
                        List.of(emergency),
                        knownWith(Consents.consent("C-D", PATIENT, ConsentAction.DENY)
                                .build()),
                        overridden(Purpose.ETREAT),
                        permit().andThen(hasObligation(new Obligation.ReviewOverride(OVERRIDE)))
                                .andThen(explains("Consent C-D"))),
                new Case(
                        "emergency care without an override is still denied by the objection, and says no override was given",
                        List.of(emergency),
                        objecting(),
                        request(CARE_HOME, ACUTE, Purpose.ETREAT, "CarePlan"),
                        deny(ReasonCode.NO_PATIENT_CONSENT)
                                .andThen(explains("no emergency override with a coded reason was given"))),
                new Case(
                        "an override offered for routine direct care (TREAT) sets nothing aside",
                        List.of(emergency),
                        objecting(),
                        overridden(Purpose.TREAT),
                        deny(ReasonCode.NO_PATIENT_CONSENT)),
                new Case(
                        "break-glass with an override is always reviewed, even with nothing to set aside",
                        List.of(emergency),
                        PatientRecords.knownToEveryone(PATIENT),
                        overridden(Purpose.BTG),
                        permit().andThen(hasObligation(new Obligation.ReviewOverride(OVERRIDE)))),
                new Case(
                        "emergency care with an override but no objection uses no override and needs no review",
                        List.of(emergency),
                        PatientRecords.knownToEveryone(PATIENT),
                        overridden(Purpose.ETREAT),
                        permit().andThen(hasNoObligationOf(Obligation.ReviewOverride.class))),
                new Case(
                        "an override does not replace the legitimate relationship direct care needs",
                        List.of(emergency),
                        PatientRecords.none().objection(PATIENT, ObjectionType.SHARED_CARE_RECORD),
                        overridden(Purpose.BTG),
                        deny(ReasonCode.NO_RELATIONSHIP)));
    }

    // ---- relationships (step 4) ----------------------------------------------------------------------------

    static Stream<Case> relationshipCases() {
        Agreement mdt = Agreements.agreement("ISA-MDT01-DC")
                .flow(Set.of(CARE_HOME, GP, COMMUNITY), Set.of(MDT), Set.of("Patient", "CarePlan"), Purpose.TREAT)
                .flow(Set.of(CARE_HOME), Set.of(COMMUNITY), Set.of("CarePlan"), Purpose.TREAT)
                .build();
        return Stream.of(
                new Case(
                        "direct care to a recipient with no relationship to the patient is denied NO_RELATIONSHIP",
                        List.of(directCare()),
                        PatientRecords.none(),
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_RELATIONSHIP)
                                .andThen(explains(
                                        "G81001 has no legitimate relationship in force with patient 9434765919"))),
                new Case(
                        "a relationship that has ended no longer supports direct care",
                        List.of(directCare()),
                        PatientRecords.none()
                                .relationship(new Relationship(
                                        PATIENT,
                                        GP,
                                        RelationshipKind.REGISTERED_GP,
                                        Instant.parse("2020-01-01T00:00:00Z"),
                                        Optional.of(Instant.parse("2026-06-30T00:00:00Z")),
                                        "deregistered")),
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_RELATIONSHIP)),
                new Case(
                        "another organisation's relationship does not count for the recipient",
                        List.of(directCare()),
                        PatientRecords.none().relationship(PATIENT, ACUTE, RelationshipKind.ADMISSION),
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_RELATIONSHIP)),
                new Case(
                        "the registered GP has a legitimate relationship, cited with kind and source",
                        List.of(directCare()),
                        PatientRecords.none().relationship(PATIENT, GP, RelationshipKind.REGISTERED_GP),
                        carePlan(CARE_HOME, GP),
                        permit().andThen(
                                        explains(
                                                "G81001 has registered-gp with patient 9434765919 since 2026-01-15 (source: test registered-gp G81001)"))),
                new Case(
                        "an MDT receives a patient on its caseload",
                        List.of(mdt),
                        PatientRecords.none().relationship(PATIENT, MDT, RelationshipKind.MDT_CASELOAD),
                        carePlan(GP, MDT),
                        permit().andThen(explains("MDT01 has mdt-caseload"))),
                new Case(
                        "an MDT does not receive a patient who is not on its caseload, whatever else is recorded",
                        List.of(mdt),
                        PatientRecords.none().relationship(PATIENT, MDT, RelationshipKind.REFERRAL),
                        carePlan(GP, MDT),
                        deny(ReasonCode.NO_RELATIONSHIP).andThen(explains("must be on its MDT caseload"))),
                new Case(
                        "the host of an MDT does not inherit the team's caseload",
                        List.of(mdt),
                        PatientRecords.none().relationship(PATIENT, MDT, RelationshipKind.MDT_CASELOAD),
                        carePlan(CARE_HOME, COMMUNITY),
                        deny(ReasonCode.NO_RELATIONSHIP)
                                .andThen(
                                        explains(
                                                "it hosts MDT01, whose caseload the patient is on, but a host does not inherit"))),
                new Case(
                        "no relationship and an objection are both reported",
                        List.of(directCare()),
                        PatientRecords.none().objection(PATIENT, ObjectionType.SHARED_CARE_RECORD),
                        carePlan(CARE_HOME, GP),
                        deny(ReasonCode.NO_RELATIONSHIP, ReasonCode.NO_PATIENT_CONSENT)),
                new Case(
                        "secondary use needs no care relationship",
                        List.of(secondary(Purpose.POPHLTH, LawfulGateway.S251, GP)),
                        PatientRecords.none(),
                        request(GP, ANALYTICS, Purpose.POPHLTH, "CarePlan"),
                        permit()));
    }

    // ---- secondary use (step 5) ----------------------------------------------------------------------------

    static Stream<Case> secondaryUseCases() {
        Agreement exempt = Agreements.agreement("ISA-EXEMPT")
                .purpose(new PurposeTerms(
                        Purpose.HOPERAT,
                        Agreements.ARTICLE_6,
                        Agreements.ARTICLE_9,
                        LawfulGateway.S251,
                        Optional.of("CAG 21/CAG/0042 opt-out exemption")))
                .flow(GP, ANALYTICS, Set.of("CarePlan"), Purpose.HOPERAT)
                .build();
        return Stream.of(
                new Case(
                        "GP-sourced data is withheld from case finding for a Type 1 objector",
                        List.of(secondary(Purpose.CASEFIND, LawfulGateway.S251, GP)),
                        objector(ObjectionType.TYPE_1),
                        request(GP, ANALYTICS, Purpose.CASEFIND, "CarePlan"),
                        deny(ReasonCode.TYPE_1_OBJECTION).andThen(explains("SNOMED CT 827241000000103"))),
                new Case(
                        "care-home-sourced data is not touched by a Type 1 objection, and the explanation says why",
                        List.of(secondary(Purpose.CASEFIND, LawfulGateway.S251, CARE_HOME)),
                        objector(ObjectionType.TYPE_1),
                        request(CARE_HOME, ANALYTICS, Purpose.CASEFIND, "CarePlan"),
                        permit().andThen(explains("the data comes from CH001, a care-home, not from a GP practice"))),
                new Case(
                        "the National Data Opt-out applies to care-home-sourced data under s251 as well",
                        List.of(secondary(Purpose.CASEFIND, LawfulGateway.S251, CARE_HOME)),
                        objector(ObjectionType.NATIONAL_DATA_OPT_OUT),
                        request(CARE_HOME, ANALYTICS, Purpose.CASEFIND, "CarePlan"),
                        deny(ReasonCode.NATIONAL_DATA_OPT_OUT)),
                new Case(
                        "a National Data Opt-out exemption recorded for the purpose lets the data go, citing the exemption",
                        List.of(exempt),
                        objector(ObjectionType.NATIONAL_DATA_OPT_OUT),
                        request(GP, ANALYTICS, Purpose.HOPERAT, "CarePlan"),
                        permit().andThen(explains("records the exemption CAG 21/CAG/0042 opt-out exemption"))),
                new Case(
                        "a patient with both opt-outs is denied for both reasons under s251",
                        List.of(secondary(Purpose.HOPERAT, LawfulGateway.S251, GP)),
                        objector(ObjectionType.NATIONAL_DATA_OPT_OUT).objection(PATIENT, ObjectionType.TYPE_1),
                        request(GP, ANALYTICS, Purpose.HOPERAT, "CarePlan"),
                        deny(ReasonCode.NATIONAL_DATA_OPT_OUT, ReasonCode.TYPE_1_OBJECTION)),
                new Case(
                        "the opt-out does not apply under a legal duty, and the explanation says so",
                        List.of(secondary(Purpose.HOPERAT, LawfulGateway.LEGAL_DUTY, GP)),
                        objector(ObjectionType.NATIONAL_DATA_OPT_OUT),
                        request(GP, ANALYTICS, Purpose.HOPERAT, "CarePlan"),
                        permit().andThen(explains(
                                "does not apply: ISA-HOPERAT v1 flows[0] rests HOPERAT on legal-duty"))),
                new Case(
                        "the opt-out does not apply under overriding public interest",
                        List.of(secondary(Purpose.HOPERAT, LawfulGateway.PUBLIC_INTEREST, GP)),
                        objector(ObjectionType.NATIONAL_DATA_OPT_OUT),
                        request(GP, ANALYTICS, Purpose.HOPERAT, "CarePlan"),
                        permit()),
                new Case(
                        "research with explicit consent is not subject to the National Data Opt-out, and cites the consent",
                        List.of(secondary(Purpose.HRESCH, LawfulGateway.EXPLICIT_CONSENT, GP)),
                        objector(ObjectionType.NATIONAL_DATA_OPT_OUT).consent(researchConsent()),
                        request(GP, ANALYTICS, Purpose.HRESCH, "CarePlan"),
                        permit().andThen(
                                        explains(
                                                "Explicit consent, the gateway ISA-HRESCH v1 flows[0] gives for HRESCH, is given by Consent C-R"))),
                new Case(
                        "a research consent for another recipient does not satisfy the explicit-consent gateway",
                        List.of(Agreements.agreement("ISA-HRESCH")
                                .gateway(Purpose.HRESCH, LawfulGateway.EXPLICIT_CONSENT)
                                .flow(GP, ACUTE, Set.of("CarePlan"), Purpose.HRESCH)
                                .build()),
                        PatientRecords.none().consent(researchConsent()),
                        request(GP, ACUTE, Purpose.HRESCH, "CarePlan"),
                        deny(ReasonCode.NO_PATIENT_CONSENT)),
                new Case(
                        "anonymised risk stratification is permitted to a National Data Opt-out patient, stripped of identifiers",
                        List.of(secondary(Purpose.POPHLTH, LawfulGateway.ANONYMISED, GP)),
                        objector(ObjectionType.NATIONAL_DATA_OPT_OUT),
                        request(GP, ANALYTICS, Purpose.POPHLTH, "Patient"),
                        permit().andThen(hasObligation(new Obligation.Deidentify(Identifiability.ANONYMISED)))
                                .andThen(explains("rests POPHLTH on anonymised"))),
                new Case(
                        "risk stratification is not direct care: a shared-care-record objection does not stop it, but it needs no relationship either",
                        List.of(secondary(Purpose.POPHLTH, LawfulGateway.S251, GP)),
                        objector(ObjectionType.SHARED_CARE_RECORD),
                        request(GP, ANALYTICS, Purpose.POPHLTH, "CarePlan"),
                        permit()));
    }

    @Test
    @DisplayName("an emergency override without a coded reason cannot even be made")
    void overrideNeedsCodedReason() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EmergencyOverride(" ", "unconscious", "Dr A"))
                .withMessage("an emergency override needs a coded reason");
        assertThatIllegalArgumentException().isThrownBy(() -> new EmergencyOverride(null, "unconscious", "Dr A"));
    }

    @Test
    @DisplayName(
            "a permit explains, in order: outcome, agreement, legal basis, relationship, the rules that did not deny, then each obligation")
    void permitExplanationOrder() {
        AgreementCatalogue catalogue = new AgreementCatalogue(List.of(directCare()));
        PatientRecords records = PatientRecords.knownToEveryone(PATIENT);
        Decision decision = DecisionEngine.standard(
                        () -> catalogue, Participants.withAnalytics(), records, records, records, CLOCK)
                .decide(request(CARE_HOME, GP, Purpose.TREAT, "Patient"));

        assertThat(decision.explanation())
                .first()
                .asString()
                .startsWith("Permitted: CH001 sharing Patient with G81001");
        assertThat(decision.explanation().get(1)).startsWith("Agreement ISA-DC v1 flows[0]");
        assertThat(decision.explanation().get(2)).startsWith("Legal basis for TREAT");
        assertThat(decision.explanation().get(3)).startsWith("Legitimate relationship");
        assertThat(decision.explanation())
                .contains("Rule TypeOneObjectionWithholdsGpDataFromSecondaryUse did not deny.");
        assertThat(decision.explanation()).last().asString().startsWith("What leaves is labelled confidentiality N");
        assertThat(((Decision.Permit) decision).obligations())
                .extracting(Object::getClass)
                .map(Class::getSimpleName)
                .containsExactly("WithholdSensitive", "RedactRestrictedPatient", "LabelOutbound");
    }

    // ---- the world -------------------------------------------------------------------------------------------

    private static Agreement directCare() {
        return Agreements.agreement("ISA-DC")
                .flow(CARE_HOME, GP, Set.of("Patient", "CarePlan"), Purpose.TREAT)
                .flow(CARE_HOME, ACUTE, Set.of("Patient", "CarePlan"), Purpose.TREAT)
                .build();
    }

    private static Agreement directCareWith(AgreementStatus status) {
        return Agreements.careHomeToGp("ISA-" + status).status(status).build();
    }

    private static Agreement secondary(Purpose purpose, LawfulGateway gateway, OdsCode sender) {
        return Agreements.agreement("ISA-" + purpose)
                .gateway(purpose, gateway)
                .flow(sender, ANALYTICS, Set.of("Patient", "CarePlan"), purpose)
                .build();
    }

    private static PatientRecords knownWith(org.vanguard.governance.consent.ConsentRecord... consents) {
        PatientRecords records = PatientRecords.knownToEveryone(PATIENT);
        for (var consent : consents) {
            records.consent(consent);
        }
        return records;
    }

    private static PatientRecords objecting() {
        return PatientRecords.knownToEveryone(PATIENT).objection(PATIENT, ObjectionType.SHARED_CARE_RECORD);
    }

    private static PatientRecords objector(ObjectionType type) {
        return PatientRecords.none().objection(PATIENT, type);
    }

    private static org.vanguard.governance.consent.ConsentRecord denyFor(Purpose purpose) {
        Consents.Record consent = Consents.consent("C-NO-" + purpose, PATIENT, ConsentAction.PERMIT);
        consent.except(ConsentAction.DENY).purposes(purpose);
        return consent.build();
    }

    private static org.vanguard.governance.consent.ConsentRecord researchConsent() {
        Consents.Record consent = Consents.consent("C-R", PATIENT, ConsentAction.DENY);
        consent.except(ConsentAction.PERMIT).purposes(Purpose.HRESCH).actors(ANALYTICS);
        return consent.build();
    }

    private static DecisionRequest request(OdsCode sender, OdsCode recipient, Purpose purpose, String type) {
        return new DecisionRequest(sender, recipient, purpose, PATIENT, type);
    }

    private static DecisionRequest carePlan(OdsCode sender, OdsCode recipient) {
        return request(sender, recipient, Purpose.TREAT, "CarePlan");
    }

    private static DecisionRequest overridden(Purpose purpose) {
        return new DecisionRequest(CARE_HOME, ACUTE, purpose, PATIENT, "CarePlan", Optional.of(OVERRIDE));
    }

    // ---- expectations --------------------------------------------------------------------------------------

    private static Consumer<Decision> permit() {
        return decision -> assertThat(decision)
                .as("expected a permit, got %s", decision.explanation())
                .isInstanceOf(Decision.Permit.class);
    }

    private static Consumer<Decision> deny(ReasonCode... codes) {
        return decision -> {
            assertThat(decision)
                    .as("expected a denial, got %s", decision.explanation())
                    .isInstanceOf(Decision.Deny.class);
            assertThat(((Decision.Deny) decision).reasons())
                    .extracting(DenyReason::code)
                    .containsExactlyInAnyOrder(codes);
        };
    }

    private static Consumer<Decision> hasObligation(Obligation obligation) {
        return decision ->
                assertThat(((Decision.Permit) decision).obligations()).contains(obligation);
    }

    private static Consumer<Decision> hasNoObligationOf(Class<? extends Obligation> kind) {
        return decision ->
                assertThat(((Decision.Permit) decision).obligations()).noneMatch(kind::isInstance);
    }

    private static Consumer<Decision> explains(String fragment) {
        return decision -> assertThat(String.join("\n", decision.explanation())).contains(fragment);
    }
}
