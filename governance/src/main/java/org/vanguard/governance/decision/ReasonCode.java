package org.vanguard.governance.decision;

/** Why a flow was denied, as a stable code that audit searches and reports can group by. */
public enum ReasonCode {
    /** No active, in-date agreement covers the sender, recipient, resource type and purpose. */
    NO_AGREEMENT,
    /** The sender or recipient is not a participant of this vanguard. */
    UNKNOWN_PARTICIPANT,
    /** Direct care needs a legitimate relationship between recipient and patient. */
    NO_RELATIONSHIP,
    /** The patient objected or a Consent denies this recipient or purpose. */
    NO_PATIENT_CONSENT,
    /** The patient holds a National Data Opt-out and the purpose is secondary use under s251. */
    NATIONAL_DATA_OPT_OUT,
    /** The patient holds a GP Type 1 objection and GP-sourced data would be used for secondary purposes. */
    TYPE_1_OBJECTION
}
