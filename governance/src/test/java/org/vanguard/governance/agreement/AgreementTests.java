package org.vanguard.governance.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.vanguard.governance.fixtures.Participants.ACUTE;
import static org.vanguard.governance.fixtures.Participants.CARE_HOME;
import static org.vanguard.governance.fixtures.Participants.GP;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.fixtures.Agreements;
import org.vanguard.governance.purpose.Purpose;

class AgreementTests {

    private static final Set<String> CARE_PLAN = Set.of("CarePlan");

    @Test
    @DisplayName("an effective period includes both its first and its last day")
    void periodIsInclusive() {
        EffectivePeriod period = new EffectivePeriod(LocalDate.of(2026, 1, 1), Optional.of(LocalDate.of(2026, 12, 31)));

        assertThat(period.contains(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(period.contains(LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(period.contains(LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(period.contains(LocalDate.of(2027, 1, 1))).isFalse();
    }

    @Test
    @DisplayName("an open-ended period runs on until the agreement is ended")
    void openEndedPeriod() {
        EffectivePeriod period = new EffectivePeriod(LocalDate.of(2026, 1, 1), Optional.empty());

        assertThat(period.contains(LocalDate.of(2099, 1, 1))).isTrue();
        assertThat(period).hasToString("2026-01-01 to open end");
    }

    @Test
    @DisplayName("only an active agreement in its effective period is in force")
    void inForceOnlyWhenActiveAndInDate() {
        LocalDate day = LocalDate.of(2026, 6, 1);

        assertThat(Agreements.careHomeToGp("ISA-A").build().isInForceOn(day)).isTrue();
        assertThat(Agreements.careHomeToGp("ISA-D")
                        .status(AgreementStatus.DRAFT)
                        .build()
                        .isInForceOn(day))
                .isFalse();
        assertThat(Agreements.careHomeToGp("ISA-E")
                        .effective(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 5, 31))
                        .build()
                        .isInForceOn(day))
                .isFalse();
    }

    @Test
    @DisplayName("an agreement explains why it is not in force: its status, its start or its end")
    void explainsWhyNotInForce() {
        LocalDate day = LocalDate.of(2026, 6, 1);

        assertThat(Agreements.careHomeToGp("ISA-S")
                        .status(AgreementStatus.SUSPENDED)
                        .build()
                        .whyNotInForceOn(day))
                .isEqualTo("its status is suspended");
        assertThat(Agreements.careHomeToGp("ISA-F")
                        .effective(LocalDate.of(2026, 7, 1), LocalDate.of(2027, 1, 1))
                        .build()
                        .whyNotInForceOn(day))
                .isEqualTo("it does not take effect until 2026-07-01");
        assertThat(Agreements.careHomeToGp("ISA-P")
                        .effective(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 5, 31))
                        .build()
                        .whyNotInForceOn(day))
                .isEqualTo("it ended on 2026-05-31");
    }

    @Test
    @DisplayName("a flow may name only organisations that are parties to its agreement")
    void flowMustNameParties() {
        Flow flow = new Flow(0, Set.of(CARE_HOME), Set.of(ACUTE), CARE_PLAN, Set.of(Purpose.TREAT));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Agreement(
                        "ISA-X",
                        1,
                        "t",
                        AgreementStatus.ACTIVE,
                        new EffectivePeriod(LocalDate.of(2026, 1, 1), Optional.empty()),
                        Optional.empty(),
                        List.of(party(CARE_HOME), party(GP)),
                        List.of(treat()),
                        List.of(flow)))
                .withMessage("flows[0] names RAC, which is not a party to agreement ISA-X");
    }

    @Test
    @DisplayName("a flow may use only purposes its agreement lists with a legal basis")
    void flowMustUseListedPurposes() {
        Flow flow = new Flow(0, Set.of(CARE_HOME), Set.of(GP), CARE_PLAN, Set.of(Purpose.POPHLTH));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Agreement(
                        "ISA-X",
                        1,
                        "t",
                        AgreementStatus.ACTIVE,
                        new EffectivePeriod(LocalDate.of(2026, 1, 1), Optional.empty()),
                        Optional.empty(),
                        List.of(party(CARE_HOME), party(GP)),
                        List.of(treat()),
                        List.of(flow)))
                .withMessageContaining("uses purpose POPHLTH");
    }

    @Test
    @DisplayName("an agreement needs two distinct parties and at least one flow")
    void needsPartiesAndFlows() {
        EffectivePeriod period = new EffectivePeriod(LocalDate.of(2026, 1, 1), Optional.empty());
        Flow flow = new Flow(0, Set.of(CARE_HOME), Set.of(GP), CARE_PLAN, Set.of(Purpose.TREAT));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Agreement(
                        "ISA-X",
                        1,
                        "t",
                        AgreementStatus.ACTIVE,
                        period,
                        Optional.empty(),
                        List.of(party(CARE_HOME)),
                        List.of(treat()),
                        List.of(flow)))
                .withMessageContaining("at least two parties");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Agreement(
                        "ISA-X",
                        1,
                        "t",
                        AgreementStatus.ACTIVE,
                        period,
                        Optional.empty(),
                        List.of(party(CARE_HOME), party(CARE_HOME)),
                        List.of(treat()),
                        List.of(flow)))
                .withMessageContaining("lists party CH001 twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Agreement(
                        "ISA-X",
                        1,
                        "t",
                        AgreementStatus.ACTIVE,
                        period,
                        Optional.empty(),
                        List.of(party(CARE_HOME), party(GP)),
                        List.of(treat()),
                        List.of()))
                .withMessageContaining("has no flows");
    }

    @Test
    @DisplayName("a flow is one way: it covers its own direction, type and purpose only")
    void flowIsDirectional() {
        Flow flow = new Flow(0, Set.of(CARE_HOME), Set.of(GP), CARE_PLAN, Set.of(Purpose.TREAT));

        assertThat(flow.covers(CARE_HOME, GP, "CarePlan", Purpose.TREAT)).isTrue();
        assertThat(flow.covers(GP, CARE_HOME, "CarePlan", Purpose.TREAT)).isFalse();
        assertThat(flow.covers(CARE_HOME, GP, "Patient", Purpose.TREAT)).isFalse();
        assertThat(flow.covers(CARE_HOME, GP, "CarePlan", Purpose.ETREAT)).isFalse();
    }

    @Test
    @DisplayName("the same agreement id may not be defined twice in one catalogue")
    void catalogueRefusesDuplicateIds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AgreementCatalogue(List.of(
                        Agreements.careHomeToGp("ISA-X").build(),
                        Agreements.careHomeToGp("ISA-X").version(2).build())))
                .withMessage("agreement ISA-X is defined twice");
    }

    private static Party party(org.vanguard.governance.participant.OdsCode ods) {
        return new Party(ods, PartyRole.CONTROLLER, "");
    }

    private static PurposeTerms treat() {
        return new PurposeTerms(
                Purpose.TREAT, Agreements.ARTICLE_6, Agreements.ARTICLE_9, LawfulGateway.IMPLIED_CONSENT);
    }
}
