package org.vanguard.governance.decision;

/**
 * One step of DOMAIN.md steps 6 and 7 (minimise, label): it never denies, it says what must be done to the
 * data before a permitted flow leaves the hub, through {@link DecisionContext#oblige}. Runs only once every
 * {@link DecisionRule} has let the exchange through.
 */
public interface ObligationRule {

    void apply(DecisionContext context);

    default String name() {
        return getClass().getSimpleName();
    }
}
