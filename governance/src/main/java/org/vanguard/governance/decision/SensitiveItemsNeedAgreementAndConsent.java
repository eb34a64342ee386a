package org.vanguard.governance.decision;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.consent.ConsentEvaluation;
import org.vanguard.governance.sensitivity.SensitiveCategory;

/**
 * Sensitive items (sexual health and HIV, fertility, termination, gender reassignment, mental health,
 * substance use, safeguarding) are withheld from shared records in England by default; one leaves only when
 * the agreement's data scope allows its category and the patient's Consent permits it by that category's
 * security label (DOMAIN.md step 6, "unless agreement and consent both allow them").
 */
public final class SensitiveItemsNeedAgreementAndConsent implements ObligationRule {

    private static final Obligation.WithholdSensitive WITHHOLD_ALL = new Obligation.WithholdSensitive(Set.of());

    @Override
    public void apply(DecisionContext context) {
        Optional<Agreement> agreement = context.agreement();
        if (agreement.isEmpty()) {
            return;
        }
        Set<SensitiveCategory> agreed = agreement.get().dataScope().sensitiveCategories();
        if (agreed.isEmpty()) {
            context.oblige(
                    WITHHOLD_ALL,
                    "Every sensitive item is withheld: " + context.clauseReference()
                            + " allows no sensitive category.");
            return;
        }
        DecisionRequest request = context.request();
        Set<SensitiveCategory> consented = ConsentEvaluation.permittedCategories(
                context.consentRecord(),
                request.recipient(),
                request.purpose(),
                request.resourceType(),
                context.now(),
                agreed);
        if (consented.isEmpty()) {
            context.oblige(
                    WITHHOLD_ALL,
                    "Every sensitive item is withheld: " + context.clauseReference() + " allows " + labels(agreed)
                            + ", but no Consent of the patient permits any of them by its security label.");
            return;
        }
        Set<SensitiveCategory> allowed = EnumSet.copyOf(consented);
        context.oblige(
                new Obligation.WithholdSensitive(allowed),
                "Sensitive items of " + labels(allowed)
                        + " may leave, because " + context.clauseReference() + " allows " + labels(agreed) + " and "
                        + context.consent()
                                .record()
                                .map(c -> "Consent " + c.id())
                                .orElse("the patient's Consent")
                        + " permits " + labels(allowed)
                        + " by security label; every other sensitive item is withheld.");
    }

    private static String labels(Set<SensitiveCategory> categories) {
        StringBuilder text = new StringBuilder();
        for (SensitiveCategory category : EnumSet.copyOf(categories)) {
            text.append(text.length() == 0 ? "" : ", ")
                    .append(category.label())
                    .append(" (")
                    .append(category.code())
                    .append(')');
        }
        return text.toString();
    }
}
