package org.vanguard.bench.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.vanguard.governance.agreement.Accountability;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.agreement.DataScope;
import org.vanguard.governance.agreement.EffectivePeriod;
import org.vanguard.governance.agreement.Flow;
import org.vanguard.governance.agreement.Identifiability;
import org.vanguard.governance.agreement.LawfulGateway;
import org.vanguard.governance.agreement.Party;
import org.vanguard.governance.agreement.PartyRole;
import org.vanguard.governance.agreement.PurposeTerms;
import org.vanguard.governance.consent.ConsentAction;
import org.vanguard.governance.consent.ConsentPeriod;
import org.vanguard.governance.consent.ConsentProvision;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.governance.consent.ConsentState;
import org.vanguard.governance.consent.ConsentStore;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionStore;
import org.vanguard.governance.objection.ObjectionType;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.participant.ParticipantKind;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipKind;
import org.vanguard.governance.relationship.RelationshipStore;
import org.vanguard.governance.sensitivity.SensitiveCategory;

/**
 * Decisions per second on one thread, with 1,000 agreements (600 care home and GP direct care, 200 GP to
 * analytics secondary use, 200 to MDTs) and 100,000 patients, each with relationships, a third with a
 * Consent (half of those with nested exceptions, some by security label), and some with a National Data
 * Opt-out, a Type 1 or a shared-care-record objection. The requests mix direct care both ways, MDT, case
 * finding, risk stratification, research with explicit consent, and exchanges no agreement covers.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Decision -f 1 -wi 2 -i 3 -w 2s -r 3s -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionBenchmark {

    private static final int CARE_HOMES = 600;
    private static final int GPS = 200;
    private static final int ANALYTICS = 10;
    private static final int MDTS = 100;
    private static final int COMMUNITY = 20;
    private static final int PATIENTS = 100_000;
    private static final int REQUESTS = 1 << 16;
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant RECORDED = Instant.parse("2026-01-15T09:00:00Z");
    private static final String ARTICLE_6 = "6(1)(e) public task";
    private static final String ARTICLE_9 = "9(2)(h) health or social care";

    private DecisionEngine engine;
    private DecisionRequest[] requests;
    private int next;

    /** Counts of the outcomes over the request mix, printed once so the mix can be checked. */
    private int permits;

    @Setup(Level.Trial)
    public void setUp() {
        ParticipantDirectory participants = participants();
        List<Agreement> agreements = agreements();
        if (agreements.size() != 1_000) {
            throw new IllegalStateException("expected 1,000 agreements, built " + agreements.size());
        }
        AgreementCatalogue catalogue = new AgreementCatalogue(agreements);
        Map<NhsNumber, ConsentRecord> consents = new HashMap<>();
        Map<NhsNumber, List<Objection>> objections = new HashMap<>();
        Map<NhsNumber, List<Relationship>> relationships = new HashMap<>();
        NhsNumber[] patients = patients();
        for (int p = 0; p < PATIENTS; p++) {
            NhsNumber patient = patients[p];
            int home = p % CARE_HOMES;
            List<Relationship> related = new ArrayList<>(3);
            related.add(relationship(patient, gp(home % GPS), RelationshipKind.REGISTERED_GP));
            if (p % 2 == 0) {
                related.add(relationship(patient, careHome(home), RelationshipKind.CARE_HOME_RESIDENCY));
            }
            if (p % 3 == 0) {
                related.add(relationship(patient, mdt(home % MDTS), RelationshipKind.MDT_CASELOAD));
            }
            relationships.put(patient, List.copyOf(related));
            List<Objection> held = new ArrayList<>(2);
            if (p % 10 == 1) {
                held.add(new Objection(patient, ObjectionType.NATIONAL_DATA_OPT_OUT, RECORDED, "NDOP"));
            }
            if (p % 20 == 3) {
                held.add(new Objection(patient, ObjectionType.TYPE_1, RECORDED, "GP record " + gp(home % GPS)));
            }
            if (p % 50 == 7) {
                held.add(new Objection(patient, ObjectionType.SHARED_CARE_RECORD, RECORDED, "patient letter"));
            }
            if (!held.isEmpty()) {
                objections.put(patient, List.copyOf(held));
            }
            if (p % 3 == 1) {
                consents.put(patient, consent(patient, p));
            }
        }
        ConsentStore consentStore = patient -> Optional.ofNullable(consents.get(patient));
        ObjectionStore objectionStore = patient -> objections.getOrDefault(patient, List.of());
        RelationshipStore relationshipStore = patient -> relationships.getOrDefault(patient, List.of());
        engine = DecisionEngine.standard(
                () -> catalogue,
                participants,
                consentStore,
                objectionStore,
                relationshipStore,
                Clock.fixed(NOW, ZoneOffset.UTC));

        Random random = new Random(42);
        requests = new DecisionRequest[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            int p = random.nextInt(PATIENTS);
            int home = p % CARE_HOMES;
            OdsCode gp = gp(home % GPS);
            NhsNumber patient = patients[p];
            String type = random.nextBoolean() ? "CarePlan" : "Patient";
            requests[i] = switch (random.nextInt(8)) {
                case 0, 1 -> new DecisionRequest(careHome(home), gp, Purpose.TREAT, patient, type);
                case 2 -> new DecisionRequest(gp, careHome(home), Purpose.TREAT, patient, type);
                case 3 -> new DecisionRequest(careHome(home % GPS), mdt(home % MDTS), Purpose.TREAT, patient, type);
                case 4 -> new DecisionRequest(gp, analytics(home % GPS % ANALYTICS), Purpose.CASEFIND, patient, type);
                case 5 -> new DecisionRequest(gp, analytics(home % GPS % ANALYTICS), Purpose.POPHLTH, patient, type);
                case 6 -> new DecisionRequest(gp, analytics(home % GPS % ANALYTICS), Purpose.HRESCH, patient, type);
                default ->
                    new DecisionRequest(
                            careHome(home), careHome((home + 1) % CARE_HOMES), Purpose.TREAT, patient, type);
            };
        }
        for (DecisionRequest request : requests) {
            if (engine.decide(request) instanceof Decision.Permit) {
                permits++;
            }
        }
        System.out.printf(
                "%n[DecisionBenchmark] %d agreements, %d patients (%d with Consent, %d with objections); "
                        + "request mix: %d of %d permitted%n",
                agreements.size(), PATIENTS, consents.size(), objections.size(), permits, REQUESTS);
    }

    @Benchmark
    public Decision decide() {
        DecisionRequest request = requests[next];
        next = (next + 1) & (REQUESTS - 1);
        return engine.decide(request);
    }

    // ---- the world -----------------------------------------------------------------------------------------

    private static ParticipantDirectory participants() {
        List<Participant> all = new ArrayList<>();
        for (int i = 0; i < CARE_HOMES; i++) {
            all.add(new Participant(careHome(i), "Care home " + i, ParticipantKind.CARE_HOME, Optional.empty()));
        }
        for (int i = 0; i < GPS; i++) {
            all.add(new Participant(gp(i), "GP practice " + i, ParticipantKind.GP_PRACTICE, Optional.empty()));
        }
        for (int i = 0; i < ANALYTICS; i++) {
            all.add(new Participant(
                    analytics(i), "Analytics " + i, ParticipantKind.ANALYTICS_SERVICE, Optional.empty()));
        }
        for (int i = 0; i < COMMUNITY; i++) {
            all.add(new Participant(
                    community(i), "Community " + i, ParticipantKind.COMMUNITY_PROVIDER, Optional.empty()));
        }
        for (int i = 0; i < MDTS; i++) {
            all.add(new Participant(
                    mdt(i), "MDT " + i, ParticipantKind.CARE_TEAM, Optional.of(community(i % COMMUNITY))));
        }
        return new ParticipantDirectory(all);
    }

    private static List<Agreement> agreements() {
        EffectivePeriod period = new EffectivePeriod(LocalDate.of(2026, 1, 1), Optional.of(LocalDate.of(2030, 12, 31)));
        Set<String> types = Set.of("Patient", "CarePlan");
        Set<Purpose> directCare = EnumSet.of(Purpose.TREAT, Purpose.ETREAT, Purpose.BTG);
        DataScope scope = new DataScope(
                Map.of(
                        "Patient",
                        Set.of(
                                "identifier",
                                "name",
                                "gender",
                                "birthDate",
                                "address",
                                "telecom",
                                "generalPractitioner"),
                        "CarePlan",
                        Set.of("status", "intent", "subject", "period", "activity", "note")),
                Identifiability.IDENTIFIABLE,
                EnumSet.of(SensitiveCategory.MENTAL_HEALTH, SensitiveCategory.SAFEGUARDING));
        List<PurposeTerms> directTerms = directCare.stream()
                .map(p -> new PurposeTerms(p, ARTICLE_6, ARTICLE_9, LawfulGateway.IMPLIED_CONSENT))
                .toList();
        List<Agreement> agreements = new ArrayList<>();
        for (int i = 0; i < CARE_HOMES; i++) {
            OdsCode home = careHome(i);
            OdsCode gp = gp(i % GPS);
            agreements.add(new Agreement(
                    "ISA-" + home + "-" + gp,
                    1,
                    "Care home " + i + " and its GP - direct care",
                    AgreementStatus.ACTIVE,
                    period,
                    Optional.empty(),
                    List.of(
                            new Party(home, PartyRole.CONTROLLER, "Manager"),
                            new Party(gp, PartyRole.CONTROLLER, "Caldicott")),
                    directTerms,
                    List.of(
                            new Flow(0, Set.of(home), Set.of(gp), types, directCare),
                            new Flow(1, Set.of(gp), Set.of(home), types, directCare)),
                    i % 2 == 0 ? scope : DataScope.wholeRecords(),
                    Accountability.unrecorded()));
        }
        for (int i = 0; i < GPS; i++) {
            OdsCode gp = gp(i);
            OdsCode analytics = analytics(i % ANALYTICS);
            agreements.add(new Agreement(
                    "ISA-" + gp + "-" + analytics,
                    1,
                    "GP " + i + " secondary use",
                    AgreementStatus.ACTIVE,
                    period,
                    Optional.empty(),
                    List.of(
                            new Party(gp, PartyRole.CONTROLLER, "Caldicott"),
                            new Party(analytics, PartyRole.PROCESSOR, "DPO")),
                    List.of(
                            new PurposeTerms(Purpose.CASEFIND, ARTICLE_6, ARTICLE_9, LawfulGateway.S251),
                            new PurposeTerms(
                                    Purpose.POPHLTH,
                                    ARTICLE_6,
                                    ARTICLE_9,
                                    i % 2 == 0 ? LawfulGateway.S251 : LawfulGateway.ANONYMISED),
                            new PurposeTerms(
                                    Purpose.HRESCH, ARTICLE_6, "9(2)(j) research", LawfulGateway.EXPLICIT_CONSENT)),
                    List.of(new Flow(
                            0,
                            Set.of(gp),
                            Set.of(analytics),
                            types,
                            EnumSet.of(Purpose.CASEFIND, Purpose.POPHLTH, Purpose.HRESCH))),
                    new DataScope(Map.of(), Identifiability.PSEUDONYMISED, Set.of()),
                    Accountability.unrecorded()));
        }
        for (int i = 0; i < GPS; i++) {
            OdsCode home = careHome(i);
            OdsCode gp = gp(i);
            OdsCode team = mdt(i % MDTS);
            agreements.add(new Agreement(
                    "ISA-MDT-" + i,
                    1,
                    "MDT " + team + " direct care",
                    AgreementStatus.ACTIVE,
                    period,
                    Optional.empty(),
                    List.of(
                            new Party(home, PartyRole.JOINT_CONTROLLER, "Manager"),
                            new Party(gp, PartyRole.JOINT_CONTROLLER, "Caldicott"),
                            new Party(team, PartyRole.JOINT_CONTROLLER, "Lead")),
                    directTerms,
                    List.of(new Flow(0, Set.of(home, gp), Set.of(team), types, directCare)),
                    DataScope.wholeRecords(),
                    Accountability.unrecorded()));
        }
        return agreements;
    }

    private static ConsentRecord consent(NhsNumber patient, int p) {
        List<ConsentProvision> exceptions = new ArrayList<>();
        if (p % 2 == 0) {
            exceptions.add(provision(
                    "provision.provision[0]",
                    ConsentAction.DENY,
                    Set.of(careHome((p + 1) % CARE_HOMES)),
                    Set.of(),
                    Set.of(),
                    List.of()));
            exceptions.add(provision(
                    "provision.provision[1]",
                    ConsentAction.PERMIT,
                    Set.of(),
                    Set.of(Purpose.TREAT),
                    Set.of("PSY"),
                    List.of(provision(
                            "provision.provision[1].provision[0]",
                            ConsentAction.DENY,
                            Set.of(careHome(p % CARE_HOMES)),
                            Set.of(),
                            Set.of(),
                            List.of()))));
            exceptions.add(provision(
                    "provision.provision[2]",
                    ConsentAction.PERMIT,
                    Set.of(analytics(p % CARE_HOMES % GPS % ANALYTICS)),
                    Set.of(Purpose.HRESCH),
                    Set.of(),
                    List.of()));
        }
        ConsentAction base = p % 7 == 0 ? ConsentAction.DENY : ConsentAction.PERMIT;
        return new ConsentRecord(
                "C-" + p,
                patient,
                p % 11 == 0 ? ConsentState.INACTIVE : ConsentState.ACTIVE,
                RECORDED,
                Optional.empty(),
                provision("provision", base, Set.of(), Set.of(), Set.of(), exceptions));
    }

    private static ConsentProvision provision(
            String path,
            ConsentAction type,
            Set<OdsCode> actors,
            Set<Purpose> purposes,
            Set<String> labels,
            List<ConsentProvision> nested) {
        return new ConsentProvision(path, type, ConsentPeriod.always(), actors, purposes, Set.of(), labels, nested);
    }

    private static Relationship relationship(NhsNumber patient, OdsCode participant, RelationshipKind kind) {
        return new Relationship(patient, participant, kind, RECORDED, Optional.empty(), "bench " + kind.label());
    }

    private static NhsNumber[] patients() {
        NhsNumber[] patients = new NhsNumber[PATIENTS];
        int found = 0;
        for (long prefix = 400_000_000L; found < PATIENTS; prefix++) {
            String digits = Long.toString(prefix);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 10) {
                continue;
            }
            patients[found++] = NhsNumber.of(digits + (check == 11 ? 0 : check));
        }
        return patients;
    }

    private static OdsCode careHome(int i) {
        return OdsCode.of(String.format("CH%04d", i));
    }

    private static OdsCode gp(int i) {
        return OdsCode.of(String.format("G%05d", i));
    }

    private static OdsCode analytics(int i) {
        return OdsCode.of(String.format("AN%03d", i));
    }

    private static OdsCode community(int i) {
        return OdsCode.of(String.format("RC%03d", i));
    }

    private static OdsCode mdt(int i) {
        return OdsCode.of(String.format("MDT%03d", i));
    }
}
