package org.vanguard.governance.decision;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.DataScope;
import org.vanguard.governance.agreement.GeneralisedForm;
import org.vanguard.governance.agreement.Identifiability;
import org.vanguard.governance.agreement.LawfulGateway;
import org.vanguard.governance.agreement.PurposeTerms;

/**
 * Data leaves no more identifiable than the agreement allows: its data scope may ask for pseudonymised or
 * anonymised data, and a purpose resting on the anonymised gateway must be anonymised whatever the scope says
 * (ICO anonymisation guidance; DOMAIN.md step 5, "anonymised strips identifiers").
 */
public final class DeidentifyAsTheAgreementRequires implements ObligationRule {

    @Override
    public void apply(DecisionContext context) {
        Optional<Agreement> agreement = context.agreement();
        if (agreement.isEmpty()) {
            return;
        }
        DataScope scope = agreement.get().dataScope();
        Optional<PurposeTerms> terms = context.purposeTerms();
        if (terms.isPresent() && terms.get().gateway() == LawfulGateway.ANONYMISED) {
            Obligation.Deidentify anonymise = deidentify(scope, Identifiability.ANONYMISED);
            context.oblige(
                    anonymise,
                    "Anonymised: " + context.clauseReference() + " rests "
                            + context.purpose().code()
                            + " on anonymised data, so identifiers are stripped and no pseudonym is given; "
                            + forms(anonymise) + ".");
            return;
        }
        Identifiability level = scope.identifiability();
        if (level == Identifiability.IDENTIFIABLE) {
            return;
        }
        Obligation.Deidentify deidentify = deidentify(scope, level);
        context.oblige(
                deidentify,
                "De-identified: " + context.clauseReference() + " allows only " + level.label() + " data: "
                        + (level == Identifiability.PSEUDONYMISED
                                ? "every direct identifier is removed and the NHS number replaced by the agreement's keyed pseudonym; "
                                : "every direct identifier is removed and no pseudonym is given; ")
                        + forms(deidentify) + ".");
    }

    private static Obligation.Deidentify deidentify(DataScope scope, Identifiability level) {
        Map<String, GeneralisedForm> forms = new TreeMap<>();
        for (String element : GeneralisedForm.ALLOWED.keySet()) {
            GeneralisedForm named = scope.generalise().get(element);
            forms.put(element, named != null ? named : GeneralisedForm.byDefault(element, level));
        }
        return new Obligation.Deidentify(level, forms);
    }

    private static String forms(Obligation.Deidentify deidentify) {
        return deidentify.forms().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " as " + e.getValue().label())
                .collect(Collectors.joining(", "));
    }
}
