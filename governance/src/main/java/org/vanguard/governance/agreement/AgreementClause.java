package org.vanguard.governance.agreement;

/** A reference to the clause of an agreement version that a decision rests on, as an IG officer cites it. */
public record AgreementClause(String agreementId, int version, String clause, String title) {

    public String reference() {
        return agreementId + " v" + version + " " + clause;
    }

    static AgreementClause of(Agreement agreement, Flow flow) {
        return new AgreementClause(agreement.id(), agreement.version(), flow.clause(), agreement.title());
    }
}
