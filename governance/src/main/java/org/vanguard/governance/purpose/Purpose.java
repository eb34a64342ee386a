package org.vanguard.governance.purpose;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A purpose of use, coded with HL7 v3 ActReason where one exists (FHIR purposeOfUse) and with the hub's
 * own code for case finding, which ActReason lacks. Direct care and secondary use are governed
 * differently: the National Data Opt-out and GP Type 1 objections never apply to direct care.
 */
public enum Purpose {
    TREAT("direct (individual) care", true),
    ETREAT("emergency care", true),
    BTG("break-glass", true),
    CASEFIND("case finding", false),
    POPHLTH("risk stratification / population health", false),
    HOPERAT("planning, commissioning and audit", false),
    HRESCH("research", false),
    PUBHLTH("public health", false);

    /** The code system of the HL7 codes above. */
    public static final String ACT_REASON_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /** The hub's code system for purposes ActReason has no code for. */
    public static final String HUB_SYSTEM = "https://vanguard-hub.org/fhir/CodeSystem/purpose-of-use";

    private final String display;
    private final boolean directCare;

    Purpose(String display, boolean directCare) {
        this.display = display;
        this.directCare = directCare;
    }

    public String code() {
        return name();
    }

    public String display() {
        return display;
    }

    public boolean isDirectCare() {
        return directCare;
    }

    public String system() {
        return this == CASEFIND ? HUB_SYSTEM : ACT_REASON_SYSTEM;
    }

    public static Optional<Purpose> find(@Nullable String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().equals(wanted)).findFirst();
    }

    public static Purpose fromCode(String code) {
        return find(code)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown purpose of use '" + code + "'; expected one of " + Arrays.toString(values())));
    }
}
