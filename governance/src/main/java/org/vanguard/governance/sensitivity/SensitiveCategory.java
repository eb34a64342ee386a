package org.vanguard.governance.sensitivity;

import java.util.Arrays;
import java.util.Optional;
import org.vanguard.governance.Labels;

/**
 * Sensitive categories with the security label that marks each: HL7 v3 ActCode where one exists, the hub's
 * own code system where none does (fertility treatment, termination of pregnancy, gender reassignment).
 */
public enum SensitiveCategory {
    SEXUAL_HEALTH_HIV("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV"),
    SEXUALLY_TRANSMITTED_DISEASE("http://terminology.hl7.org/CodeSystem/v3-ActCode", "STD"),
    SEXUALITY("http://terminology.hl7.org/CodeSystem/v3-ActCode", "SEX"),
    MENTAL_HEALTH("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PSY"),
    SUBSTANCE_USE("http://terminology.hl7.org/CodeSystem/v3-ActCode", "ETH"),
    SAFEGUARDING("http://terminology.hl7.org/CodeSystem/v3-ActCode", "SDV"),
    FERTILITY(SensitiveCategory.HUB_SYSTEM, "FERTILITY"),
    TERMINATION_OF_PREGNANCY(SensitiveCategory.HUB_SYSTEM, "TOP"),
    GENDER_REASSIGNMENT(SensitiveCategory.HUB_SYSTEM, "GENDER");

    /** The hub's code system for sensitivity where HL7 has no code. */
    public static final String HUB_SYSTEM = "https://vanguard-hub.org/fhir/CodeSystem/sensitivity";

    private final String system;
    private final String code;

    SensitiveCategory(String system, String code) {
        this.system = system;
        this.code = code;
    }

    public String system() {
        return system;
    }

    public String code() {
        return code;
    }

    public String label() {
        return Labels.of(this);
    }

    public static Optional<SensitiveCategory> bySecurityLabel(String system, String code) {
        return Arrays.stream(values())
                .filter(c -> c.system.equals(system) && c.code.equals(code))
                .findFirst();
    }

    public static SensitiveCategory fromLabel(String label) {
        return Labels.parse(SensitiveCategory.class, label, "sensitive category");
    }
}
