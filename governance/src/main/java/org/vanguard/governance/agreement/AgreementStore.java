package org.vanguard.governance.agreement;

/**
 * Port to wherever agreements are kept (files under version control, a database); the decision reads
 * the current catalogue through it and never cares how it was loaded.
 */
public interface AgreementStore {

    AgreementCatalogue current();
}
