package org.vanguard.governance.agreement;

import java.util.Locale;

/**
 * What an IG officer (or a reload of the reviewed files) did to an agreement. The ICO data sharing code asks
 * that an agreement's changes be recorded, with who made them and when, so each of these is kept for good.
 */
public enum LifecycleAction {
    /** A version of the agreement text was loaded from its file for the first time, or its text changed. */
    REVISED,
    /** A draft put forward for its parties' approval: approvals are given only to a submitted version and text. */
    SUBMITTED,
    /** One party's IG officer approved this version; it takes effect once every party has. */
    APPROVED,
    /** A draft taken back before it took effect: this version can never be approved, and never lets data flow. */
    WITHDRAWN,
    /** Flows stop at once, e.g. while a breach is investigated; the agreement can be resumed. */
    SUSPENDED,
    /** A suspension is lifted; the agreement is as it was before it. */
    RESUMED,
    /** Flows stop for good; this version can never be resumed or approved again. */
    TERMINATED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
