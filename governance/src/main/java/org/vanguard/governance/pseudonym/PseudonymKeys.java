package org.vanguard.governance.pseudonym;

import java.util.List;

/** Where an agreement's pseudonym secrets are kept; the hub implements it. */
public interface PseudonymKeys {

    /** The key that pseudonymises for the agreement now, made on first use. */
    PseudonymKey current(String agreementId);

    /** Every key the agreement has had, newest first, for re-identification of older pseudonyms. */
    List<PseudonymKey> all(String agreementId);
}
