package org.vanguard.governance.relationship;

import java.util.List;
import org.vanguard.governance.patient.NhsNumber;

/** Port to the relationships the hub has learnt from incoming data and the admin API. */
public interface RelationshipStore {

    /** Every relationship recorded for the patient, in force or not; the decision checks the dates. */
    List<Relationship> relationshipsOf(NhsNumber patient);
}
