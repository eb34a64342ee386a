package org.vanguard.routes.care;

import java.util.List;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;

/** Where the care teams IG officers maintain (FHIR CareTeam through the admin API) are kept. */
public interface CareTeamRepository {

    /**
     * The member organisations of the care team with this id, if the team exists and is about this patient;
     * empty otherwise, so a CarePlan that names another patient's team adds nobody.
     */
    List<OdsCode> membersFor(String careTeamId, NhsNumber patient);
}
