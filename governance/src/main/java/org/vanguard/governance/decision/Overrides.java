package org.vanguard.governance.decision;

import org.vanguard.governance.purpose.Purpose;

/** How rules word an emergency override, so that every explanation cites it the same way. */
final class Overrides {

    private Overrides() {}

    static String describe(EmergencyOverride override) {
        return "an emergency override with coded reason " + override.reasonCode()
                + (override.reasonText().isBlank() ? "" : " (\"" + override.reasonText() + "\")")
                + " requested by " + override.requestedBy();
    }

    /** For ETREAT and BTG without an override: says that none was given, which is what could have set the objection aside. */
    static String missing(DecisionContext context) {
        Purpose purpose = context.purpose();
        if ((purpose == Purpose.ETREAT || purpose == Purpose.BTG)
                && context.emergencyOverride().isEmpty()) {
            return "; no emergency override with a coded reason was given";
        }
        return "";
    }
}
