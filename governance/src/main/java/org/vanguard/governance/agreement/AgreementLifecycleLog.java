package org.vanguard.governance.agreement;

import java.util.List;

/**
 * Port to the agreements' change log. The agreement text stays reviewed configuration under version control;
 * what happens to it (approvals, suspensions, terminations, revisions) is kept here, append only, so nothing
 * done to an agreement is ever lost (ICO data sharing code: keep a record of the sharing and its changes).
 */
public interface AgreementLifecycleLog {

    void record(LifecycleEvent event);

    /** Every event of the agreement, all versions, oldest first. */
    List<LifecycleEvent> eventsOf(String agreementId);

    /** Every event of every agreement, oldest first. */
    List<LifecycleEvent> all();
}
