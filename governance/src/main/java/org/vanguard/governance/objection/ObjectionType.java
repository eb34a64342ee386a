package org.vanguard.governance.objection;

import org.vanguard.governance.Labels;

/** The standing objections a patient can hold. */
public enum ObjectionType {
    /** National Data Opt-out: applies to secondary use under s251 support, not to direct care. */
    NATIONAL_DATA_OPT_OUT(""),
    /** GP Type 1 objection (SNOMED CT 827241000000103): GP-sourced data used for secondary purposes. */
    TYPE_1("827241000000103"),
    /** Objection to the shared care record (UK GDPR Art 21): sharing for direct care across organisations. */
    SHARED_CARE_RECORD("");

    private final String snomedCode;

    ObjectionType(String snomedCode) {
        this.snomedCode = snomedCode;
    }

    public String snomedCode() {
        return snomedCode;
    }

    public String label() {
        return Labels.of(this);
    }

    public static ObjectionType fromLabel(String label) {
        return Labels.parse(ObjectionType.class, label, "objection");
    }
}
