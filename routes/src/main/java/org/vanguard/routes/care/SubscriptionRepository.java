package org.vanguard.routes.care;

import java.util.List;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;

/** Where participants' standing subscriptions (admin API) are kept. */
public interface SubscriptionRepository {

    /**
     * The participants subscribed to this event for this patient: by naming the patient, or by the cohort
     * {@code caseload} (patients the participant has a care relationship in force with).
     */
    List<OdsCode> subscribersFor(String eventCode, NhsNumber patient);
}
