package org.vanguard.governance.consent;

import java.util.Optional;
import org.vanguard.governance.patient.NhsNumber;

/** Port to the patients' Consents; the hub keeps them in its database. */
public interface ConsentStore {

    /**
     * The patient's current privacy Consent: the one with the latest {@code dateTime}, whatever its state,
     * so that a withdrawal (an inactive Consent) supersedes what it withdraws. Empty when none was ever recorded.
     */
    Optional<ConsentRecord> current(NhsNumber patient);
}
