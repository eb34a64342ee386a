package org.vanguard.routes.consent;

import org.vanguard.governance.consent.ConsentRecord;

/** Where accepted Consents are kept (the hub's database); the FHIR resource is kept whole beside the model. */
public interface ConsentRepository {

    /** Stores the Consent; a Consent with the same id replaces the earlier one. */
    void save(ConsentRecord record, String resourceJson);
}
